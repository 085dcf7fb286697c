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
import { KnownEvents, type SetAtVersion } from './known-events';

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
  constructor(
    private readonly events: AuditRepository,
    private readonly known: KnownEvents,
  ) {}

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
    const events = await this.events.listPerTarget(
      refs,
      { team: ownTeamOf(actor), limit },
      snapshots,
    );
    const bySet = new Map(refs.map((ref) => [ref, [] as AuditEvent[]]));
    for (const event of events) bySet.get(event.target.ref)?.push(event);
    return refs.map((ref) => bySet.get(ref) ?? []);
  }

  /**
   * The newest `limit` events of one set without before/after, as listPerSet gives them: at once
   * when this replica read them for the set at the same id and version (KnownEvents), otherwise
   * through `read` (the operation's batch of listPerSet), then remembered for that version. A set
   * whose row is not known (`at`) is always read.
   */
  latestOfSet(
    actor: Actor,
    at: SetAtVersion | undefined,
    limit: number,
    read: () => Promise<AuditEvent[]>,
  ): AuditEvent[] | Promise<AuditEvent[]> {
    if (at === undefined) return read();
    const page = `${limit}\n${ownTeamOf(actor) ?? ''}`;
    return (
      this.known.get(at, page) ??
      read().then((events) => {
        this.known.remember(at, page, events);
        return events;
      })
    );
  }

  private async page<E extends { id: string }>(
    actor: Actor,
    query: AuditQuery,
    read: (filter: AuditFilter) => Promise<E[]>,
  ): Promise<Page<E>> {
    const limit = pageSize(query.limit);
    const ownTeam = ownTeamOf(actor);
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

/** The only team whose events `actor` may read, or undefined for all of them. */
function ownTeamOf(actor: Actor): string | undefined {
  return actor.kind === 'token' ? actor.teamSlug : undefined;
}
