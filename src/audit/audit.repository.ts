import { Injectable } from '@nestjs/common';

import { Prisma } from '../generated/prisma/client';
import type { AuditEvent as AuditEventRow } from '../generated/prisma/client';
import { PrismaService } from '../infra/database/prisma.service';
import type { SqlTx } from '../infra/database/sql-transaction';
import type { Tx } from '../infra/database/transaction';
import { auditActorOf, type AuditEvent, type AuditEventInput } from './audit-event';

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
  constructor(private readonly prisma: PrismaService) {}

  async insert(tx: Tx, event: AuditEventInput): Promise<void> {
    const actor = auditActorOf(event.context.actor);
    await tx.auditEvent.create({
      data: {
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        actorTeam: actor.team,
        action: event.action,
        targetType: event.target.type,
        targetRef: event.target.ref,
        team: event.team,
        version: event.version,
        before: jsonOrNull(event.before),
        after: jsonOrNull(event.after),
        via: event.context.via,
        requestId: event.context.requestId,
      },
    });
  }

  /** The same insert, for writers whose transaction is plain SQL (alias sets). */
  async insertSql(tx: SqlTx, event: AuditEventInput): Promise<void> {
    const actor = auditActorOf(event.context.actor);
    await tx.query(
      `INSERT INTO audit_events (actor_type, actor_id, actor_name, actor_team, action, target_type,
         target_ref, team, version, before, after, via, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        actor.type,
        actor.id,
        actor.name,
        actor.team,
        event.action,
        event.target.type,
        event.target.ref,
        event.team,
        event.version,
        jsonText(event.before),
        jsonText(event.after),
        event.context.via,
        event.context.requestId,
      ],
    );
  }

  /** Newest first; ids are the cursor, so pages stay stable while events keep arriving. */
  async list(filter: AuditFilter): Promise<AuditEvent[]> {
    const rows = await this.prisma.auditEvent.findMany({
      where: {
        team: filter.team,
        targetRef: filter.targetRef,
        action: filter.action,
        ...(filter.actor !== undefined
          ? { OR: [{ actorId: filter.actor }, { actorName: filter.actor }] }
          : {}),
        at: { gte: filter.since, lt: filter.until },
        id: filter.beforeId !== undefined ? { lt: filter.beforeId } : undefined,
      },
      orderBy: { id: 'desc' },
      take: filter.limit,
    });
    return rows.map(toAuditEvent);
  }
}

function jsonText(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function jsonOrNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : value;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id.toString(),
    at: row.at,
    actor: {
      type: row.actorType === 'admin' ? 'admin' : 'token',
      id: row.actorId,
      name: row.actorName,
      team: row.actorTeam,
    },
    action: row.action,
    target: { type: row.targetType, ref: row.targetRef },
    version: row.version,
    before: row.before,
    after: row.after,
    via: row.via,
    requestId: row.requestId,
  };
}
