import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { policy } from '../auth/policy';
import {
  type Dependent,
  findDependents,
  visibleDependents,
  type VisibleDependents,
} from '../domain/dependents';
import { formatSetRef, type SetRef } from '../domain/host-alias';
import { parseSetRef } from '../domain/validation';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import { AliasSetsRepository, type IncludersGraph } from './alias-sets.repository';
import { AliasSetsService } from './alias-sets.service';

/**
 * Which sets include a set, transitively, with the include path: for the dependents API, for the
 * impact of a dry run and for `resolution.changed` notifications. One recursive query per call,
 * however many sets are asked about.
 */
@Injectable()
export class AliasSetDependents {
  constructor(
    private readonly repository: AliasSetsRepository,
    private readonly sql: TransactionRunner,
    private readonly sets: AliasSetsService,
  ) {}

  /**
   * Every dependent of each ref, whoever may read it: for the system's own use. Inside a
   * transaction, pass it, so the answer includes that transaction's writes.
   */
  async of(refs: string[], tx?: Tx): Promise<Map<string, Dependent[]>> {
    const graph = await this.repository.includersGraph(tx ?? this.sql, refs);
    return new Map(refs.map((ref) => [ref, findDependents(ref, graph.edges)]));
  }

  /** The dependents of a set the caller may read (else NOT_FOUND), as far as it may see them. */
  async list(actor: Actor, ref: SetRef): Promise<VisibleDependents> {
    await this.sets.get(actor, ref);
    const [result] = await this.listReadable(actor, [formatSetRef(ref)]);
    return result;
  }

  /** For sets the caller has already read (GraphQL parents): one query for all of them. */
  async listReadable(actor: Actor, refs: string[]): Promise<VisibleDependents[]> {
    const graph = await this.repository.includersGraph(this.sql, refs);
    const canRead = readableIn(actor, graph);
    return refs.map((ref) => visibleDependents(findDependents(ref, graph.edges), canRead));
  }
}

/** Every set in a graph but the roots is an includer, whose `shared` flag the graph holds. */
function readableIn(actor: Actor, graph: IncludersGraph): (ref: string) => boolean {
  return (ref) => {
    const shared = graph.shared.get(ref);
    if (shared === undefined) return true;
    const team = parseSetRef(ref)?.team ?? '';
    return policy.canReadSet(actor, { team, shared });
  };
}
