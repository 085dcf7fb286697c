import { Injectable } from '@nestjs/common';

import { SqlParams } from '../infra/database/sql-params';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import {
  auditActorOf,
  type AuditActor,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventText,
} from './audit-event';

export interface AuditFilter {
  team?: string;
  targetRef?: string;
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
  /** Only events with an id below this one (the cursor). */
  beforeId?: bigint;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly sql: TransactionRunner) {}

  /** Inside the writer's transaction: the change and its event commit or roll back together. */
  async insert(tx: Tx, event: AuditEventInput): Promise<void> {
    const params = new SqlParams();
    await tx.query(insertAuditSql(event, params), params.values);
  }

  /**
   * Newest first; ids are the cursor, so pages stay stable while events keep arriving. Plain
   * SQL: through Prisma, reviving every value of the before/after snapshots was a fifth of a
   * page's CPU. Each filter leads an index ending in `id DESC` (team, target_ref, actor_id,
   * actor_name, action), so a page is an index range scan whatever the table's size.
   */
  async list(filter: AuditFilter): Promise<AuditEvent[]> {
    return (await this.select<unknown>(filter, 'jsonb')).map(toAuditEvent);
  }

  /** The same page with the snapshots as the JSON text stored, for responses that embed them. */
  async listText(filter: AuditFilter): Promise<AuditEventText[]> {
    return (await this.select<string | null>(filter, 'text')).map(toAuditEvent);
  }

  /**
   * The newest `filter.limit` events of each of `targetRefs`, in one statement (a LATERAL page
   * per target on the target_ref index): GraphQL's AliasSet.auditEvents for a whole list.
   * Without `snapshots`, before and after are left null: a list showing each set's latest event
   * need not read, send and parse two whole snapshots per event.
   */
  async listPerTarget(
    targetRefs: string[],
    filter: AuditFilter,
    snapshots = true,
  ): Promise<AuditEvent[]> {
    return (await this.select<unknown>(filter, snapshots ? 'jsonb' : 'none', targetRefs)).map(
      toAuditEvent,
    );
  }

  private async select<S>(
    filter: AuditFilter,
    snapshots: 'jsonb' | 'text' | 'none',
    perTarget?: string[],
  ): Promise<AuditRow<S>[]> {
    const values: unknown[] = [];
    const value = (v: unknown) => `$${values.push(v)}`;
    const where: string[] = [];
    if (filter.team !== undefined) where.push(`team = ${value(filter.team)}`);
    if (filter.targetRef !== undefined) where.push(`target_ref = ${value(filter.targetRef)}`);
    if (filter.action !== undefined) where.push(`action = ${value(filter.action)}`);
    if (filter.actor !== undefined) {
      const actor = value(filter.actor);
      where.push(`(actor_id = ${actor} OR actor_name = ${actor})`);
    }
    if (filter.since !== undefined) where.push(`at >= ${value(filter.since)}`);
    if (filter.until !== undefined) where.push(`at < ${value(filter.until)}`);
    if (filter.beforeId !== undefined) where.push(`id < ${value(filter.beforeId.toString())}`);
    if (perTarget !== undefined) where.push('target_ref = r.ref');
    const snapshot = (column: string) =>
      snapshots === 'text' ? `${column}::text` : snapshots === 'none' ? 'NULL::jsonb' : column;
    const page = `SELECT id, at, actor_type, actor_id, actor_name, actor_team, action, target_type,
         target_ref, team, version, ${snapshot('before')} AS before, ${snapshot('after')} AS after,
         via, request_id
       FROM audit_events ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC LIMIT ${value(filter.limit)}`;
    return this.sql.query<AuditRow<S>>(
      perTarget === undefined
        ? page
        : `SELECT e.* FROM unnest(${value(perTarget)}::text[]) AS r(ref)
           CROSS JOIN LATERAL (${page}) e`,
      values,
    );
  }
}

/** A snapshot's parameter: objects through `params.json`, so a document used twice is sent once. */
function jsonParam(value: unknown, params: SqlParams): string {
  if (value === undefined) return params.add(null);
  return typeof value === 'object' ? params.json(value) : params.add(JSON.stringify(value));
}

/** A row of audit_events as pg returns it: bigint as text, timestamps as Date, snapshots `S`. */
interface AuditRow<S> {
  id: string;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_name: string;
  actor_team: string | null;
  action: string;
  target_type: string;
  target_ref: string;
  team: string | null;
  version: number | null;
  before: S;
  after: S;
  via: string;
  request_id: string;
}

function toAuditEvent<S>(
  row: AuditRow<S>,
): Omit<AuditEvent, 'before' | 'after'> & { before: S; after: S } {
  return {
    id: row.id,
    at: row.at,
    actor: {
      type: actorType(row.actor_type),
      id: row.actor_id,
      name: row.actor_name,
      team: row.actor_team,
    },
    action: row.action,
    target: { type: row.target_type, ref: row.target_ref },
    version: row.version,
    before: row.before,
    after: row.after,
    via: row.via,
    requestId: row.request_id,
  };
}

function actorType(stored: string): AuditActor['type'] {
  return stored === 'admin' || stored === 'system' ? stored : 'token';
}

/**
 * The INSERT of an audit event, its values added to `params`: on its own (`insert`) or as one
 * part of the statement of a change it records, then once for each row of `from` (the change's
 * `written`: no event when the change wrote nothing).
 */
export function insertAuditSql(event: AuditEventInput, params: SqlParams, from?: string): string {
  const actor = auditActorOf(event.context.actor);
  const value = (v: unknown) => params.add(v);
  const values = [
    ...[actor.type, actor.id, actor.name, actor.team, event.action].map(value),
    ...[event.target.type, event.target.ref, event.team, event.version].map(value),
    jsonParam(event.before, params),
    jsonParam(event.after, params),
    ...[event.context.via, event.context.requestId].map(value),
  ];
  return `INSERT INTO audit_events (actor_type, actor_id, actor_name, actor_team, action,
    target_type, target_ref, team, version, before, after, via, request_id)
    SELECT ${values.join(', ')}${from === undefined ? '' : ` FROM ${from}`}`;
}
