import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { DEFAULT_LIMIT, decodeNumericCursor, type Page, toPage } from '../common/pagination';
import type { AuditEvent } from './audit-event';
import { AuditRepository } from './audit.repository';

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
    const limit = query.limit ?? DEFAULT_LIMIT;
    const ownTeam = actor.kind === 'token' ? actor.teamSlug : undefined;
    if (ownTeam !== undefined && query.team !== undefined && query.team !== ownTeam) {
      return { items: [], nextCursor: null };
    }
    const rows = await this.events.list({
      team: ownTeam ?? query.team,
      targetRef: query.set,
      actor: query.actor,
      action: query.action,
      since: query.since,
      until: query.until,
      beforeId: decodeNumericCursor(query.cursor),
      limit: limit + 1,
    });
    return toPage(rows, limit, (event) => event.id);
  }
}
