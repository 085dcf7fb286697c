import { Injectable } from '@nestjs/common';

import type { EventActor, SetChangeType } from '../domain/webhooks';
import type { SqlParams } from '../infra/database/sql-params';

/** A committed change of a set, as the writer records it. */
export interface OutboxEntry {
  type: SetChangeType;
  set: string;
  team: string;
  /** Whether other teams may read the set (after the change; before it, for a delete). */
  shared: boolean;
  version: number;
  previousVersion: number | null;
  actor: EventActor;
  requestId: string;
}

/**
 * The outbox insert, as one part of the writer's statement, once per row of `from` (the change's
 * `written`): a write that wrote nothing or rolled back leaves no event, a committed one cannot
 * lose it. While no webhook exists at all it writes nothing (nobody could receive the event), so
 * an installation without webhooks pays one cheap index probe per write.
 */
@Injectable()
export class WebhookOutboxRepository {
  insertSql(entry: OutboxEntry, params: SqlParams, from: string): string {
    const values = [
      entry.type,
      entry.set,
      entry.team,
      entry.shared,
      entry.version,
      entry.previousVersion,
      JSON.stringify(entry.actor),
      entry.requestId,
    ].map((value) => params.add(value));
    return `INSERT INTO webhook_events (type, set_ref, team, shared, version, previous_version,
      actor, request_id)
      SELECT ${values.join(', ')} FROM ${from} WHERE EXISTS (SELECT 1 FROM webhooks)`;
  }
}
