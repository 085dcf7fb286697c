import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { policy } from '../auth/policy';
import { findDependents } from '../domain/dependents';
import { liveAt } from '../domain/expiry';
import { type AliasSetSnapshot, formatSetRef, type SetRef } from '../domain/host-alias';
import { computeImpact, type Impact } from '../domain/impact';
import { TransactionRunner } from '../infra/database/transaction';
import { AliasSetsRepository } from './alias-sets.repository';

/**
 * The impact of a dry run: two queries (the dependents, then every set they and the would-be set
 * reach), then the pure domain compares resolutions before and after, as the caller may see them
 * and as they resolve now (expired entries left out).
 */
@Injectable()
export class AliasSetImpact {
  constructor(
    private readonly repository: AliasSetsRepository,
    private readonly db: TransactionRunner,
  ) {}

  /** What storing `after` as `ref` (undefined: deleting it) would change. */
  async of(actor: Actor, ref: SetRef, after: AliasSetSnapshot | undefined): Promise<Impact> {
    const changed = formatSetRef(ref);
    const graph = await this.repository.includersGraph(this.db, [changed]);
    const dependents = findDependents(changed, graph.edges);
    const closure = await this.repository.loadClosure([
      changed,
      ...(after?.includes ?? []),
      ...dependents.map((dependent) => dependent.set),
    ]);
    const now = Date.now();
    return computeImpact({
      changed,
      after: after && liveAt(after, now),
      dependents,
      getSet: (r) => {
        const set = closure.get(r);
        return set && policy.canReadSet(actor, set) ? liveAt(set, now) : undefined;
      },
    });
  }
}
