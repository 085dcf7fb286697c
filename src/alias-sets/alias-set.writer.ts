import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import { describeActor, type RequestContext, SYSTEM_ACTOR } from '../auth/actor';
import { policy } from '../auth/policy';
import { contentOf, snapshotOf } from '../domain/alias-set';
import { liveAt } from '../domain/expiry';
import {
  checkDelete,
  checkIncludeCycle,
  type ExpectedVersion,
  planWrite,
  type WriteAction,
  type WriteMode,
  writeAction,
} from '../domain/alias-set-write';
import {
  type AliasSetContent,
  type AliasSetSnapshot,
  formatSetRef,
  type SetRef,
} from '../domain/host-alias';
import { ChangeFeed } from '../infra/database/change-feed';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import { WebhookOutbox } from '../notifications/webhook-outbox';
import type { StoredAliasSet } from './alias-set';
import type { ChangeRecord } from './alias-set.sql';
import { AliasSetsRepository, type GraphNode } from './alias-sets.repository';
import { KnownSets } from './known-sets';
import { RACED, raced, SetChange, type Source } from './set-change';

/** A write of a set's whole content, already validated and authorized by the service. */
export interface WriteCommand {
  context: RequestContext;
  ref: SetRef;
  /** The owning team's id (the service found the team). */
  teamId: number;
  content: AliasSetContent;
  mode: WriteMode;
  expected: ExpectedVersion;
  /** Every check, then the would-be result instead of the write: nothing is written. */
  dryRun?: boolean;
}

export interface DeleteCommand {
  context: RequestContext;
  ref: SetRef;
  expected: ExpectedVersion;
  dryRun?: boolean;
}

export interface WriteResult {
  set: StoredAliasSet;
  created: boolean;
  changed: boolean;
}

/** A committed change of one set: what its revision, audit event and notifications describe. */
export interface AliasSetChange {
  context: RequestContext;
  action: WriteAction;
  ref: SetRef;
  before: AliasSetSnapshot | null;
  /** Null for a delete. */
  after: AliasSetSnapshot | null;
}

/**
 * The heart of every alias-set change: given the set, let the domain decide
 * (src/domain/alias-set-write.ts), then write it with its revision, audit event, outbox row and
 * NOTIFY in one statement that only writes if the set is still at the version given. That
 * statement needs no transaction around it. Where the set comes from (remembered, read, or read
 * under its lock once a change raced) is SetChange's. Once committed, this replica's caches are
 * told.
 */
@Injectable()
export class AliasSetWriter {
  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
    private readonly outbox: WebhookOutbox,
    private readonly known: KnownSets,
  ) {
    this.change = new SetChange(sets, transactions, known);
  }

  private readonly change: SetChange;

  async write(command: WriteCommand): Promise<WriteResult> {
    const outcome = await this.change.run(
      command.ref,
      (q, existing, source) => this.writeIn(q, command, existing, source),
      !command.dryRun,
    );
    if (outcome.change) this.committed(outcome.change);
    if (!command.dryRun) this.known.remember(command.ref, outcome.result.set);
    return outcome.result;
  }

  /** The set as it was deleted (as it is, for a dry run). */
  async delete(command: DeleteCommand): Promise<StoredAliasSet> {
    const { context, ref, expected } = command;
    const { set, change } = await this.change.run(
      ref,
      async (q, existing) => {
        const dependents = existing ? await this.sets.dependents(q, existing.id) : [];
        checkDelete(
          formatSetRef(ref),
          existing,
          expected,
          dependents.map((set) => ({
            ref: formatSetRef(set),
            visible: policy.canReadSet(context.actor, set),
          })),
        );
        if (command.dryRun) return { set: existing, change: null };
        const before = snapshotOf(existing);
        const done: AliasSetChange = { context, action: 'delete', ref, before, after: null };
        if (!(await this.sets.delete(q, existing, this.recordOf(done)))) return RACED;
        return { set: existing, change: done };
      },
      false,
    );
    if (change) this.committed(change);
    if (!command.dryRun) this.known.remember(ref, null);
    return set;
  }

  /**
   * The expiry sweep: a new version of the set without the entries expired at `now`, audited as
   * `alias_set.expire` by the system, notified like any change. Nothing when nothing has expired
   * (another replica was first) or another change got in between (the next sweep sees it).
   */
  async expire(ref: SetRef, now: number): Promise<WriteResult | null> {
    const context: RequestContext = { actor: SYSTEM_ACTOR, via: 'system', requestId: randomUUID() };
    const existing = await this.sets.findByRef(ref);
    const live = existing && liveAt(existing, now);
    if (!existing || !live?.expiredEntries) return null;
    const { teamId, version } = existing;
    const content = contentOf(live);
    const command: WriteCommand = {
      context,
      ref,
      teamId,
      content,
      mode: 'expire',
      expected: version,
    };
    const outcome = await raced(() =>
      this.writeIn(this.transactions.autocommit, command, existing, 'read'),
    );
    if (outcome === RACED) return null;
    if (outcome.change) this.committed(outcome.change);
    this.known.remember(ref, outcome.result.set);
    return outcome.result;
  }

  private async writeIn(
    q: Tx,
    command: WriteCommand,
    existing: StoredAliasSet | null,
    source: Source,
  ): Promise<{ result: WriteResult; change: AliasSetChange | null } | typeof RACED> {
    const { context, ref, content, mode } = command;
    const name = formatSetRef(ref);
    const plan = planWrite(name, existing, content, mode, command.expected);
    if (existing && plan === 'unchanged') {
      // Only the stored set can tell that nothing would change.
      if (source === 'remembered') return RACED;
      return { result: { set: existing, created: false, changed: false }, change: null };
    }
    const includeIds = await this.includeIds(q, name, content.includes);
    if (command.dryRun) {
      return {
        result: { set: wouldBe(command, existing), created: !existing, changed: true },
        change: null,
      };
    }
    // The change is known before it is written: the revision, audit event and outbox row go in
    // the same statement as the set (one round trip).
    const change: AliasSetChange = {
      context,
      action: writeAction(mode, plan),
      ref,
      before: existing ? snapshotOf(existing) : null,
      after: snapshotOf(wouldBe(command, existing)),
    };
    const record = this.recordOf(change);
    const set = existing
      ? await this.sets.replace(q, existing, content, includeIds, record)
      : await this.sets.insert(q, command.teamId, ref, content, includeIds, record);
    if (!set) return RACED;
    return { result: { set, created: !existing, changed: true }, change };
  }

  /** Ids of the included sets, refusing a change that would close an include cycle. */
  private async includeIds(q: Tx, ref: string, includes: string[]): Promise<number[]> {
    if (includes.length === 0) return [];
    const graph = await this.sets.includeGraph(q, includes);
    const includesOf = new Map([...graph].map(([r, node]) => [r, node.includes]));
    checkIncludeCycle(ref, includes, includesOf);
    // The check found every include in the graph (or refused the write as NOT_FOUND).
    return includes.map((include) => (graph.get(include) as GraphNode).id);
  }

  /**
   * What commits with the change, in its statement: the revision, the audit event, the webhook
   * outbox row and the NOTIFY.
   */
  private recordOf(change: AliasSetChange): ChangeRecord {
    const { context, ref, before, after } = change;
    return {
      revision: after && { snapshot: after, actor: describeActor(context.actor) },
      parts: (params, from) => {
        const audit = this.audit.recordSql(
          {
            context,
            action: `alias_set.${change.action}`,
            target: { type: 'alias_set', ref: formatSetRef(ref) },
            team: ref.team,
            version: (after ?? before)?.version ?? null,
            before,
            after,
          },
          params,
          from,
        );
        const outbox = this.outbox.recordSql(change, params, from);
        return [`audit AS (${audit})`, ...(outbox ? [`outbox AS (${outbox})`] : [])];
      },
    };
  }

  /** After commit: this replica's caches learn at once; other replicas through the NOTIFY. */
  private committed(change: AliasSetChange): void {
    this.changes.publishLocal(formatSetRef(change.ref));
  }
}

/** The set a write would store: the version after the current one, stamped now. */
function wouldBe(command: WriteCommand, existing: StoredAliasSet | null): StoredAliasSet {
  const now = new Date();
  const content = contentOf(command.content);
  if (existing) return { ...existing, ...content, version: existing.version + 1, updatedAt: now };
  const { ref, teamId } = command;
  return { id: 0, teamId, ...ref, ...content, version: 1, createdAt: now, updatedAt: now };
}
