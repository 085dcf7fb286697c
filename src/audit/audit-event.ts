import type { Actor, RequestContext } from '../auth/actor';
import { compactJson } from '../domain/compact-json';

export type AuditAction =
  | 'alias_set.create'
  | 'alias_set.update'
  | 'alias_set.delete'
  | 'alias_set.rollback'
  | 'alias_set.expire'
  | 'team.create'
  | 'cluster.create'
  | 'token.create'
  | 'token.revoke'
  | 'webhook.create'
  | 'webhook.delete'
  | 'webhook.redeliver';

export type AuditTargetType = 'alias_set' | 'team' | 'cluster' | 'token' | 'webhook';

export interface AuditActor {
  type: 'admin' | 'token' | 'system';
  id: string | null;
  name: string;
  team: string | null;
}

export interface AuditEventInput {
  context: RequestContext;
  action: AuditAction;
  target: { type: AuditTargetType; ref: string };
  /** Team slug the target belongs to, for `?team=` filters. */
  team: string | null;
  version: number | null;
  before: unknown;
  after: unknown;
}

export interface AuditEvent {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  target: { type: string; ref: string };
  version: number | null;
  before: unknown;
  after: unknown;
  via: string;
  requestId: string;
}

/** An event whose before/after are still the JSON text PostgreSQL stored (null: none). */
export interface AuditEventText extends Omit<AuditEvent, 'before' | 'after'> {
  before: string | null;
  after: string | null;
}

/**
 * The JSON of a page of events, with each snapshot's stored text spliced in rather than parsed and
 * serialized again: a page is ~130 KB, nearly all of it snapshots. PostgreSQL's jsonb output is
 * always valid JSON, so the result is too; its spaces after `:` and `,` are taken out, so the
 * snapshots are as compact as the rest of the API (and as GraphQL's, which parses them).
 */
export function auditPageJson(page: {
  items: AuditEventText[];
  nextCursor: string | null;
}): string {
  const items = page.items.map(({ before, after, ...event }) => {
    const fields = JSON.stringify(event);
    return `${fields.slice(0, -1)},"before":${snapshotJson(before)},"after":${snapshotJson(after)}}`;
  });
  return `{"items":[${items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

function snapshotJson(stored: string | null): string {
  return stored === null ? 'null' : compactJson(stored);
}

export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind !== 'token') return { type: actor.kind, id: null, name: actor.kind, team: null };
  return { type: 'token', id: actor.tokenId, name: actor.tokenName, team: actor.teamSlug };
}
