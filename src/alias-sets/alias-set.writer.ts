import { Injectable } from '@nestjs/common';

import type { AuditAction } from '../audit/audit-event';
import { AuditRecorder } from '../audit/audit.recorder';
import { describeActor, type RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { DomainError, DomainErrorCode } from '../domain/errors';
import type { AliasSetSnapshot } from '../domain/host-alias';
import { expandIncludes } from '../domain/resolve';
import { ChangeFeed } from '../infra/database/change-feed';
import { type SqlTx, SqlTransactionRunner } from '../infra/database/sql-transaction';
import type { Team } from '../teams/team';
import { type AliasSetContent, sameContent, snapshotOf, type StoredAliasSet } from './alias-set';
import { AliasSetWritesRepository } from './alias-set-writes.repository';

export type WriteMode = 'create' | 'upsert' | 'update' | 'rollback';

/** `undefined`: unconditional; a number: the version the client last saw (If-Match). */
export type ExpectedVersion = number | undefined;

export interface WriteResult {
  set: StoredAliasSet;
  created: boolean;
  changed: boolean;
}

/**
 * The transactional heart of every alias-set change: lock the row, check the expected version,
 * write the new content with version + 1, store the revision and the audit event, all in one
 * transaction. Identical content is a no-op: no version, no revision, no audit event.
 */
@Injectable()
export class AliasSetWriter {
  constructor(
    private readonly sets: AliasSetWritesRepository,
    private readonly transactions: SqlTransactionRunner,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
  ) {}

  async write(
    ctx: RequestContext,
    team: Team,
    name: string,
    content: AliasSetContent,
    mode: WriteMode,
    expected: ExpectedVersion,
  ): Promise<WriteResult> {
    const run = () =>
      this.transactions.run((tx) => this.writeIn(tx, ctx, team, name, content, mode, expected));
    let result: WriteResult;
    try {
      result = await run();
    } catch (error) {
      // Two creators raced on a new name: the loser retries as an update of the winner's set.
      if (mode !== 'upsert' || !isUniqueViolation(error)) throw error;
      result = await run();
    }
    // Our own caches learn at once; other replicas through the committed NOTIFY.
    if (result.changed) this.changes.publishLocal(`${team.slug}/${name}`);
    return result;
  }

  async delete(
    ctx: RequestContext,
    team: Team,
    name: string,
    expected: ExpectedVersion,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const existing = await this.sets.lock(tx, team, name);
      if (!existing) throw DomainError.notFound(`alias set "${team.slug}/${name}" not found`);
      checkExpected(existing, expected);
      const dependents = await this.sets.dependents(tx, existing.id);
      if (dependents.length > 0) {
        // Name only the dependents the caller may see; private sets of other teams stay unnamed.
        const visible = dependents
          .filter((set) => policy.canReadSet(ctx.actor, set))
          .map((set) => `${set.team}/${set.name}`);
        const hidden = dependents.length - visible.length;
        const names = [...visible, ...(hidden > 0 ? [`${hidden} set(s) you cannot see`] : [])];
        throw DomainError.conflict(
          `alias set "${team.slug}/${name}" is included by ${names.join(', ')}; remove those includes first`,
          { dependents: visible, hiddenDependents: hidden },
        );
      }
      await this.sets.delete(tx, existing.id);
      await this.audit.recordSql(tx, {
        context: ctx,
        action: 'alias_set.delete',
        target: { type: 'alias_set', ref: `${team.slug}/${name}` },
        team: team.slug,
        version: existing.version,
        before: snapshotOf(existing),
        after: null,
      });
      await this.sets.notifyChanged(tx, `${team.slug}/${name}`);
    });
    this.changes.publishLocal(`${team.slug}/${name}`);
  }

  private async writeIn(
    tx: SqlTx,
    ctx: RequestContext,
    team: Team,
    name: string,
    content: AliasSetContent,
    mode: WriteMode,
    expected: ExpectedVersion,
  ): Promise<WriteResult> {
    const ref = `${team.slug}/${name}`;
    const existing = await this.sets.lock(tx, team, name);
    if (existing && mode === 'create')
      throw DomainError.conflict(`alias set "${ref}" already exists`);
    if (!existing && (mode === 'update' || mode === 'rollback')) {
      throw DomainError.notFound(`alias set "${ref}" not found`);
    }
    if (!existing && expected !== undefined) {
      throw new DomainError(
        DomainErrorCode.STALE_VERSION,
        `alias set "${ref}" does not exist`,
        [],
        {
          currentVersion: null,
        },
      );
    }
    if (existing) checkExpected(existing, expected);
    if (existing && sameContent(existing, content))
      return { set: existing, created: false, changed: false };

    const includeIds = await this.includeIds(tx, ref, content.includes);
    let set: StoredAliasSet;
    if (existing) {
      const replaced = await this.sets.replace(tx, existing, content, includeIds);
      if (!replaced) throw staleVersion(ref, existing.version);
      set = replaced;
    } else {
      set = await this.sets.insert(tx, team, name, content, includeIds);
    }
    const action: AuditAction = !existing
      ? 'alias_set.create'
      : mode === 'rollback'
        ? 'alias_set.rollback'
        : 'alias_set.update';
    const after = snapshotOf(set);
    await this.sets.insertRevisionAndNotify(tx, set.id, after, describeActor(ctx.actor));
    await this.audit.recordSql(tx, {
      context: ctx,
      action,
      target: { type: 'alias_set', ref },
      team: team.slug,
      version: set.version,
      before: existing ? snapshotOf(existing) : null,
      after,
    });
    return { set, created: !existing, changed: true };
  }

  /** Ids of the included sets, refusing a change that would close an include cycle. */
  private async includeIds(tx: SqlTx, ref: string, includes: string[]): Promise<number[]> {
    if (includes.length === 0) return [];
    const graph = await this.sets.includeGraph(tx, includes);
    graph.set(ref, includes);
    expandIncludes([ref], (r) => {
      const refs = graph.get(r);
      return refs === undefined ? undefined : graphNode(r, refs);
    });
    const ids = await this.sets.idsByRef(tx, includes);
    return includes.map((include) => {
      const id = ids.get(include);
      if (id === undefined) throw DomainError.notFound(`alias set "${include}" not found`);
      return id;
    });
  }
}

/** Just enough of a snapshot for walking includes. */
function graphNode(ref: string, includes: string[]): AliasSetSnapshot {
  const [team = '', name = ''] = ref.split('/');
  return { team, name, description: '', shared: false, entries: [], includes, version: 0 };
}

function checkExpected(existing: StoredAliasSet, expected: ExpectedVersion): void {
  if (expected !== undefined && existing.version !== expected) {
    throw staleVersion(`${existing.team}/${existing.name}`, existing.version, expected);
  }
}

function staleVersion(ref: string, current: number, expected?: number): DomainError {
  const detail =
    expected === undefined
      ? `alias set "${ref}" was changed concurrently; current version is ${current}`
      : `alias set "${ref}" is at version ${current}, not ${expected}`;
  return new DomainError(DomainErrorCode.STALE_VERSION, detail, [], { currentVersion: current });
}

/** PostgreSQL's unique_violation: two creators raced on the same new name. */
function isUniqueViolation(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505';
}
