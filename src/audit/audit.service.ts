import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import {
  decodeNumericCursor,
  type Page,
  toPage,
  pageSize,
  BIGINT_KEY_MAX,
} from '../common/pagination';
import type { AuditEvent, AuditEventText } from './audit-event';
import { type AuditFilter, AuditRepository } from './audit.repository';

export interface AuditQuery {
  team?: string;
  set?: string;
  actor?: string;
  action?: string;
  since?: Date;
  until?: Date;
  limit?: number;
  cursor?: string;
}

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditRepository) {}

  /**
   * Newest first. A team token sees the events of its own team only; the super-user sees all.
   * The cursor is the last id seen, so pages never shift while new events arrive.
   */
  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEvent>> {
    return this.page(actor, query, (filter) => this.events.list(filter));
  }

  /** The same page with each before/after still the JSON text stored (see auditPageJson). */
  async listText(actor: Actor, query: AuditQuery): Promise<Page<AuditEventText>> {
    return this.page(actor, query, (filter) => this.events.listText(filter));
  }

  /**
   * The newest `limit` events of each set (`team/name`), in one query for all of them, with the
   * same visibility as `list`; without `snapshots`, before and after are null.
   */
  async listPerSet(
    actor: Actor,
    refs: string[],
    limit: number,
    snapshots = true,
  ): Promise<AuditEvent[][]> {
    const ownTeam = actor.kind === 'token' ? actor.teamSlug : undefined;
    const events = await this.events.listPerTarget(refs, { team: ownTeam, limit }, snapshots);
    const bySet = new Map(refs.map((ref) => [ref, [] as AuditEvent[]]));
    for (const event of events) bySet.get(event.target.ref)?.push(event);
    return refs.map((ref) => bySet.get(ref) ?? []);
  }

  private async page<E extends { id: string }>(
    actor: Actor,
    query: AuditQuery,
    read: (filter: AuditFilter) => Promise<E[]>,
  ): Promise<Page<E>> {
    const limit = pageSize(query.limit);
    const ownTeam = actor.kind === 'token' ? actor.teamSlug : undefined;
    if (ownTeam !== undefined && query.team !== undefined && query.team !== ownTeam) {
      return { items: [], nextCursor: null };
    }
    const rows = await read({
      team: ownTeam ?? query.team,
      targetRef: query.set,
      actor: query.actor,
      action: query.action,
      since: query.since,
      until: query.until,
      beforeId: decodeNumericCursor(query.cursor, 'cursor', BIGINT_KEY_MAX),
      limit: limit + 1,
    });
    return toPage(rows, limit, (event) => event.id);
  }
}
