import { Injectable } from '@nestjs/common';

import type { WebhookEventType } from '../domain/webhooks';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import type { Delivery, DeliveryStatus, Webhook } from './webhook';

interface WebhookRow {
  id: string;
  team: string;
  url: string;
  events: WebhookEventType[];
  sets: string[];
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  type: WebhookEventType;
  set_ref: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: Date;
  completed_at: Date | null;
  attempt_log: {
    attempt: number;
    startedAt: string;
    durationMs: number;
    statusCode: number | null;
    error: string | null;
    succeeded: boolean;
  }[];
}

const WEBHOOK_COLUMNS = `w.id, t.slug AS team, w.url, w.events, w.sets, w.created_at`;

const DELIVERY_COLUMNS = `d.id, d.webhook_id, d.type, d.set_ref, d.status, d.attempts,
  d.next_attempt_at, d.last_status_code, d.last_error, d.last_duration_ms, d.created_at,
  d.completed_at,
  COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'startedAt', a.started_at,
              'durationMs', a.duration_ms, 'statusCode', a.status_code, 'error', a.error,
              'succeeded', a.succeeded) ORDER BY a.attempt)
            FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempt_log`;

/** Webhooks of a team and their deliveries log, in plain SQL on the writer's transaction type. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly sql: TransactionRunner) {}

  async create(
    tx: Tx,
    input: {
      id: string;
      teamId: number;
      url: string;
      events: WebhookEventType[];
      sets: string[] | null;
      secret: string;
    },
  ): Promise<Webhook> {
    const rows = await tx.query<WebhookRow>(
      `WITH w AS (
         INSERT INTO webhooks (id, team_id, url, events, sets, secret)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
       SELECT ${WEBHOOK_COLUMNS} FROM w JOIN teams t ON t.id = w.team_id`,
      [input.id, input.teamId, input.url, input.events, input.sets ?? [], input.secret],
    );
    return toWebhook(rows[0]);
  }

  async list(teamId: number): Promise<Webhook[]> {
    const rows = await this.sql.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w JOIN teams t ON t.id = w.team_id
       WHERE w.team_id = $1 ORDER BY w.created_at, w.id`,
      [teamId],
    );
    return rows.map(toWebhook);
  }

  /** The webhook of this team with this id, locked until the transaction ends. */
  async lock(tx: Tx, teamId: number, id: string): Promise<Webhook | null> {
    const rows = await tx.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w JOIN teams t ON t.id = w.team_id
       WHERE w.team_id = $1 AND w.id = $2 FOR UPDATE OF w`,
      [teamId, id],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  async find(teamId: number, id: string): Promise<Webhook | null> {
    const rows = await this.sql.query<WebhookRow>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w JOIN teams t ON t.id = w.team_id
       WHERE w.team_id = $1 AND w.id = $2`,
      [teamId, id],
    );
    return rows[0] ? toWebhook(rows[0]) : null;
  }

  /** Deletes the webhook with its deliveries and their attempts (cascade). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.query('DELETE FROM webhooks WHERE id = $1', [id]);
  }

  /** Newest first; `before` is the (created_at, id) of the last row of the previous page. */
  async deliveries(
    webhookId: string,
    limit: number,
    before?: { createdAt: Date; id: string },
  ): Promise<Delivery[]> {
    const rows = await this.sql.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
       WHERE d.webhook_id = $1 AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2, $3::uuid))
       ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
      [webhookId, before?.createdAt ?? null, before?.id ?? null, limit],
    );
    return rows.map(toDelivery);
  }

  async lockDelivery(tx: Tx, webhookId: string, id: string): Promise<Delivery | null> {
    const rows = await tx.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
       WHERE d.webhook_id = $1 AND d.id = $2 FOR UPDATE OF d`,
      [webhookId, id],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /** Makes a finished delivery due now, with a fresh retry window. */
  async redeliver(tx: Tx, id: string, retryUntil: Date): Promise<Delivery> {
    const rows = await tx.query<DeliveryRow>(
      `WITH d AS (
         UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = CURRENT_TIMESTAMP,
           retry_until = $2, completed_at = NULL
         WHERE id = $1 RETURNING *)
       SELECT ${DELIVERY_COLUMNS} FROM d`,
      [id, retryUntil],
    );
    return toDelivery(rows[0]);
  }
}

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    team: row.team,
    url: row.url,
    events: row.events,
    sets: row.sets.length === 0 ? null : row.sets,
    createdAt: row.created_at,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    type: row.type,
    set: row.set_ref,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastDurationMs: row.last_duration_ms,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    attemptLog: row.attempt_log.map((a) => ({ ...a, startedAt: new Date(a.startedAt) })),
  };
}
