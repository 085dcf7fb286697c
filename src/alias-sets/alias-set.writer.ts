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
  staleVersion,
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
import { isUniqueViolation, type Tx, TransactionRunner } from '../infra/database/transaction';
import { WebhookOutbox } from '../notifications/webhook-outbox';
import type { StoredAliasSet } from './alias-set';
import type { ChangeRecord } from './alias-set.sql';
import { AliasSetsRepository, type GraphNode } from './alias-sets.repository';

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
 * The transactional heart of every alias-set change, as a transaction script: lock the row, let
 * the domain decide (src/domain/alias-set-write.ts), write, then `record` the change (revision,
 * audit event, NOTIFY) in the same transaction and tell this replica's caches once committed.
 */
@Injectable()
export class AliasSetWriter {
  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditRecorder,
    private readonly changes: ChangeFeed,
    private readonly outbox: WebhookOutbox,
  ) {}

  async write(command: WriteCommand): Promise<WriteResult> {
    const run = () => this.transactions.run((tx) => this.writeIn(tx, command));
    let outcome: { result: WriteResult; change: AliasSetChange | null };
    try {
      outcome = await run();
    } catch (error) {
      // Two creators raced on a new name: the loser retries as an update of the winner's set.
      if (command.mode !== 'upsert' || !isUniqueViolation(error)) throw error;
      outcome = await run();
    }
    if (outcome.change) this.committed(outcome.change);
    return outcome.result;
  }

  /** The set as it was deleted (as it is, for a dry run). */
  async delete(command: DeleteCommand): Promise<StoredAliasSet> {
    const { context, ref, expected } = command;
    const { set, change } = await this.transactions.run(async (tx) => {
      const existing = await this.sets.lock(tx, ref);
      const dependents = existing ? await this.sets.dependents(tx, existing.id) : [];
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
      await this.sets.delete(tx, existing, this.recordOf(done));
      return { set: existing, change: done };
    });
    if (change) this.committed(change);
    return set;
  }

  /**
   * The expiry sweep: a new version of the set without the entries expired at `now`, audited as
   * `alias_set.expire` by the system, notified like any change. Nothing when nothing has expired
   * (another replica was first) or another transaction holds the set (the next sweep sees it).
   */
  async expire(ref: SetRef, now: number): Promise<WriteResult | null> {
    const context: RequestContext = { actor: SYSTEM_ACTOR, via: 'system', requestId: randomUUID() };
    const outcome = await this.transactions.run(async (tx) => {
      const existing = await this.sets.lock(tx, ref, { skipLocked: true });
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
      return this.writeIn(tx, command, existing);
    });
    if (outcome?.change) this.committed(outcome.change);
    return outcome?.result ?? null;
  }

  /** `locked`: the set, already locked by the caller in this transaction. */
  private async writeIn(
    tx: Tx,
    command: WriteCommand,
    locked?: StoredAliasSet,
  ): Promise<{ result: WriteResult; change: AliasSetChange | null }> {
    const { context, ref, content, mode } = command;
    const name = formatSetRef(ref);
    const existing = locked ?? (await this.sets.lock(tx, ref));
    const plan = planWrite(name, existing, content, mode, command.expected);
    if (existing && plan === 'unchanged') {
      return { result: { set: existing, created: false, changed: false }, change: null };
    }
    const includeIds = await this.includeIds(tx, name, content.includes);
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
    let set: StoredAliasSet;
    if (existing) {
      const replaced = await this.sets.replace(tx, existing, content, includeIds, record);
      if (!replaced) throw staleVersion(name, existing.version);
      set = replaced;
    } else {
      set = await this.sets.insert(tx, command.teamId, ref, content, includeIds, record);
    }
    return { result: { set, created: !existing, changed: true }, change };
  }

  /** Ids of the included sets, refusing a change that would close an include cycle. */
  private async includeIds(tx: Tx, ref: string, includes: string[]): Promise<number[]> {
    if (includes.length === 0) return [];
    const graph = await this.sets.includeGraph(tx, includes);
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
      parts: (params) => {
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
        );
        const outbox = this.outbox.recordSql(change, params);
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
