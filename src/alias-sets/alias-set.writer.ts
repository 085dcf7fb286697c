import { Injectable } from '@nestjs/common';

import { AuditRecorder } from '../audit/audit.recorder';
import { describeActor, type RequestContext } from '../auth/actor';
import { policy } from '../auth/policy';
import { snapshotOf } from '../domain/alias-set';
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
}

export interface DeleteCommand {
  context: RequestContext;
  ref: SetRef;
  expected: ExpectedVersion;
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
  setId: number;
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

  async delete(command: DeleteCommand): Promise<void> {
    const { context, ref, expected } = command;
    const change = await this.transactions.run(async (tx) => {
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
      await this.sets.delete(tx, existing.id);
      const before = snapshotOf(existing);
      const done: AliasSetChange = {
        context,
        action: 'delete',
        ref,
        setId: existing.id,
        before,
        after: null,
      };
      await this.record(tx, done);
      return done;
    });
    this.committed(change);
  }

  private async writeIn(
    tx: Tx,
    command: WriteCommand,
  ): Promise<{ result: WriteResult; change: AliasSetChange | null }> {
    const { context, ref, content, mode } = command;
    const name = formatSetRef(ref);
    const existing = await this.sets.lock(tx, ref);
    const plan = planWrite(name, existing, content, mode, command.expected);
    if (existing && plan === 'unchanged') {
      return { result: { set: existing, created: false, changed: false }, change: null };
    }
    const includeIds = await this.includeIds(tx, name, content.includes);
    let set: StoredAliasSet;
    if (existing) {
      const replaced = await this.sets.replace(tx, existing, content, includeIds);
      if (!replaced) throw staleVersion(name, existing.version);
      set = replaced;
    } else {
      set = await this.sets.insert(tx, command.teamId, ref, content, includeIds);
    }
    const change: AliasSetChange = {
      context,
      action: writeAction(mode, plan),
      ref,
      setId: set.id,
      before: existing ? snapshotOf(existing) : null,
      after: snapshotOf(set),
    };
    await this.record(tx, change);
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
   * Inside the transaction: the revision, the audit event, the webhook outbox row and the NOTIFY
   * commit with the change.
   */
  private async record(tx: Tx, change: AliasSetChange): Promise<void> {
    const { context, ref, before, after } = change;
    if (after) {
      await this.sets.insertRevisionAndNotify(
        tx,
        change.setId,
        after,
        describeActor(context.actor),
      );
    } else {
      await this.sets.notifyChanged(tx, ref);
    }
    await this.audit.record(tx, {
      context,
      action: `alias_set.${change.action}`,
      target: { type: 'alias_set', ref: formatSetRef(ref) },
      team: ref.team,
      version: (after ?? before)?.version ?? null,
      before,
      after,
    });
    await this.outbox.record(tx, change);
  }

  /** After commit: this replica's caches learn at once; other replicas through the NOTIFY. */
  private committed(change: AliasSetChange): void {
    this.changes.publishLocal(formatSetRef(change.ref));
  }
}
