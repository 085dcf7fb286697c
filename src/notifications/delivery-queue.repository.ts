import { Injectable } from '@nestjs/common';

import { refParams } from '../alias-sets/alias-set.sql';
import type { EventActor, SetChange, SetChangeType } from '../domain/webhooks';
import { type Tx, TransactionRunner } from '../infra/database/transaction';

/** An outbox row not yet turned into deliveries. */
export interface UndispatchedEvent extends SetChange {
  id: string;
  shared: boolean;
}

/** A webhook as the dispatcher needs it: who it belongs to and what it listens for. */
export interface Subscriber {
  id: string;
  team: string;
  events: string[];
  sets: string[] | null;
}

export interface NewDelivery {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  set: string;
  payload: string;
}

/** A delivery claimed by this replica for one attempt. */
export interface ClaimedDelivery {
  id: string;
  attempt: number;
  payload: string;
  createdAt: Date;
  retryUntil: Date;
  url: string;
  secret: string;
}

export interface AttemptOutcome {
  deliveryId: string;
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
  /** Null: no further attempt (succeeded, or given up). */
  nextAttemptAt: Date | null;
}

export interface QueueStats {
  pending: number;
  oldestPendingSeconds: number;
}

interface EventRow {
  id: string;
  type: SetChangeType;
  set_ref: string;
  team: string;
  shared: boolean;
  version: number;
  previous_version: number | null;
  actor: EventActor;
  request_id: string;
  occurred_at: Date;
}

/**
 * The delivery queue on PostgreSQL. Replicas share it through `FOR UPDATE SKIP LOCKED`: each row
 * is taken by one replica at a time, and a claimed delivery's `next_attempt_at` moves past the
 * attempt's timeout (a lease), so no other replica sends that attempt; if the replica dies, the
 * lease runs out and another one retries it.
 */
@Injectable()
export class DeliveryQueueRepository {
  private readonly sql: TransactionRunner;

  constructor(sql: TransactionRunner) {
    this.sql = sql.background();
  }

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.sql.run(work);
  }

  async takeUndispatched(tx: Tx, limit: number): Promise<UndispatchedEvent[]> {
    const rows = await tx.query<EventRow>(
      `SELECT id::text, type, set_ref, team, shared, version, previous_version, actor, request_id,
         occurred_at
       FROM webhook_events WHERE dispatched_at IS NULL ORDER BY id LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      id: row.id,
      type: row.type,
      set: row.set_ref,
      team: row.team,
      shared: row.shared,
      version: row.version,
      previousVersion: row.previous_version,
      actor: row.actor,
      requestId: row.request_id,
      occurredAt: row.occurred_at,
    }));
  }

  /** Webhooks of these teams, and webhooks of any team that name one of these sets. */
  async subscribers(tx: Tx, teams: string[], sets: string[]): Promise<Subscriber[]> {
    const rows = await tx.query<{ id: string; team: string; events: string[]; sets: string[] }>(
      `SELECT w.id, t.slug AS team, w.events, w.sets FROM webhooks w JOIN teams t ON t.id = w.team_id
       WHERE t.slug = ANY($1::text[]) OR w.sets && $2::text[]`,
      [teams, sets],
    );
    return rows.map((row) => ({ ...row, sets: row.sets.length === 0 ? null : row.sets }));
  }

  /** Owner, shared flag and version of existing sets by `team/name`. */
  async subjects(
    tx: Tx,
    refs: string[],
  ): Promise<Map<string, { team: string; shared: boolean; version: number }>> {
    if (refs.length === 0) return new Map();
    const rows = await tx.query<{ ref: string; team: string; shared: boolean; version: number }>(
      `SELECT t.slug || '/' || s.name AS ref, t.slug AS team, s.shared, s.version
       FROM unnest($1::text[], $2::text[]) AS r(team, name)
       JOIN teams t ON t.slug = r.team JOIN alias_sets s ON s.team_id = t.id AND s.name = r.name`,
      refParams(refs),
    );
    return new Map(rows.map(({ ref, ...subject }) => [ref, subject]));
  }

  async insertDeliveries(tx: Tx, deliveries: NewDelivery[], retryUntil: Date): Promise<void> {
    if (deliveries.length === 0) return;
    await tx.query(
      `INSERT INTO webhook_deliveries (id, webhook_id, event_id, type, set_ref, payload, retry_until)
       SELECT d.id, d.webhook_id, d.event_id, d.type, d.set_ref, d.payload, $2
       FROM json_to_recordset($1::json)
         AS d(id uuid, webhook_id uuid, event_id bigint, type text, set_ref text, payload text)
       ON CONFLICT (event_id, webhook_id, set_ref) DO NOTHING`,
      [
        JSON.stringify(
          deliveries.map((d) => ({
            id: d.id,
            webhook_id: d.webhookId,
            event_id: d.eventId,
            type: d.type,
            set_ref: d.set,
            payload: d.payload,
          })),
        ),
        retryUntil,
      ],
    );
  }

  async markDispatched(tx: Tx, eventIds: string[]): Promise<void> {
    await tx.query(
      'UPDATE webhook_events SET dispatched_at = CURRENT_TIMESTAMP WHERE id = ANY($1::bigint[])',
      [eventIds],
    );
  }

  /** Claims up to `limit` due deliveries for one attempt each, leased for `leaseMs`. */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = await this.sql.query<{
      id: string;
      attempts: number;
      payload: string;
      created_at: Date;
      retry_until: Date;
      url: string;
      secret: string;
    }>(
      `WITH due AS (
         SELECT id FROM webhook_deliveries
         WHERE status = 'pending' AND next_attempt_at <= CURRENT_TIMESTAMP
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE webhook_deliveries d SET attempts = d.attempts + 1,
           next_attempt_at = CURRENT_TIMESTAMP + make_interval(secs => $2::double precision / 1000)
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.webhook_id, d.attempts, d.payload, d.created_at, d.retry_until)
       SELECT c.id, c.attempts, c.payload, c.created_at, c.retry_until, w.url, w.secret
       FROM claimed c JOIN webhooks w ON w.id = c.webhook_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      attempt: row.attempts,
      payload: row.payload,
      createdAt: row.created_at,
      retryUntil: row.retry_until,
      url: row.url,
      secret: row.secret,
    }));
  }

  /**
   * Logs the attempt and moves the delivery on, in one statement; only while the delivery is
   * still at this attempt (a lease that ran out and was taken over by another replica wins).
   */
  async recordAttempt(outcome: AttemptOutcome): Promise<boolean> {
    const status = outcome.succeeded
      ? 'succeeded'
      : outcome.nextAttemptAt === null
        ? 'failed'
        : 'pending';
    const rows = await this.sql.query<{ id: string }>(
      `WITH updated AS (
         UPDATE webhook_deliveries SET status = $3,
           next_attempt_at = COALESCE($4, next_attempt_at),
           last_status_code = $5, last_error = $6, last_duration_ms = $7,
           completed_at = CASE WHEN $3 = 'pending' THEN NULL ELSE CURRENT_TIMESTAMP END
         WHERE id = $1 AND attempts = $2 AND status = 'pending' RETURNING id),
       logged AS (
         INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code,
           error, succeeded)
         SELECT id, $2, $8, $7, $5, $6, $9 FROM updated
         ON CONFLICT DO NOTHING)
       SELECT id FROM updated`,
      [
        outcome.deliveryId,
        outcome.attempt,
        status,
        outcome.nextAttemptAt,
        outcome.statusCode,
        outcome.error,
        outcome.durationMs,
        outcome.startedAt,
        outcome.succeeded,
      ],
    );
    return rows.length > 0;
  }

  /** When the next pending delivery is due, to sleep exactly until then. */
  async nextDueAt(): Promise<Date | null> {
    const rows = await this.sql.query<{ at: Date | null }>(
      `SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'`,
    );
    return rows[0]?.at ?? null;
  }

  async stats(): Promise<QueueStats> {
    const rows = await this.sql.query<{ pending: string; oldest: number | null }>(
      `SELECT count(*) AS pending,
         EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - min(created_at))::float8 AS oldest
       FROM webhook_deliveries WHERE status = 'pending'`,
    );
    return { pending: Number(rows[0]?.pending ?? 0), oldestPendingSeconds: rows[0]?.oldest ?? 0 };
  }
}
