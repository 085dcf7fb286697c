import { Injectable } from '@nestjs/common';

import type { Actor, RequestContext } from '../auth/actor';
import type { WriteAction } from '../domain/alias-set-write';
import { formatSetRef, type SetRef } from '../domain/host-alias';
import type { EventActor, SetChangeType } from '../domain/webhooks';
import type { SqlParams } from '../infra/database/sql-params';
import { WebhookOutboxRepository } from './webhook-outbox.repository';

/** What the writer knows about a change it is committing (AliasSetChange satisfies it). */
export interface CommittedChange {
  context: RequestContext;
  action: WriteAction;
  ref: SetRef;
  before: { shared: boolean; version: number } | null;
  /** Null for a delete. */
  after: { shared: boolean; version: number } | null;
}

/**
 * The writer's one call into notifications: the outbox row of the change, as a part of the
 * writer's own statement, once per row of `from` (null: nothing to record). Delivery happens later, elsewhere
 * (DeliveryWorker), so the writer never waits for a receiver.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly outbox: WebhookOutboxRepository) {}

  recordSql(change: CommittedChange, params: SqlParams, from: string): string | null {
    const now = change.after ?? change.before;
    if (!now) return null;
    return this.outbox.insertSql(
      {
        type: eventTypeOf(change.action),
        set: formatSetRef(change.ref),
        team: change.ref.team,
        shared: now.shared,
        version: now.version,
        previousVersion: change.before?.version ?? null,
        actor: eventActorOf(change.context.actor),
        requestId: change.context.requestId,
      },
      params,
      from,
    );
  }
}

/** A rollback (or any other new version) is an update to receivers. */
function eventTypeOf(action: WriteAction): SetChangeType {
  if (action === 'create') return 'alias_set.created';
  if (action === 'delete') return 'alias_set.deleted';
  return 'alias_set.updated';
}

/** Token names are shown; the super-user is `admin`; anything else (the expiry sweep) `system`. */
export function eventActorOf(actor: Actor): EventActor {
  if (actor.kind === 'token') {
    return { type: 'token', name: actor.tokenName, team: actor.teamSlug };
  }
  if (actor.kind === 'admin') return { type: 'admin', name: 'admin', team: null };
  return { type: 'system', name: 'system', team: null };
}
