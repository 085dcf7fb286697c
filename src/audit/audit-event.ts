import type { Actor, RequestContext } from '../auth/actor';
import { compactJsonBytes } from '../domain/compact-json';

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
 * The JSON of a page of events as UTF-8 bytes, ready for the socket, with each snapshot's stored
 * text written in rather than parsed and serialized again: a page is ~130 KB, nearly all of it
 * snapshots. PostgreSQL's jsonb output is always valid JSON, so the result is too; its spaces
 * after `:` and `,` are taken out where they are written (compactJsonBytes), so the snapshots are
 * as compact as the rest of the API (and as GraphQL's, which parses them). Sized exactly first
 * and written once: a page built as a string of pieces cost ten times its size in allocations.
 */
export function auditPageJson(page: {
  items: AuditEventText[];
  nextCursor: string | null;
}): Buffer {
  const heads = page.items.map(({ before: _before, after: _after, ...event }) =>
    // The event's fields without the closing brace; the snapshots follow.
    JSON.stringify(event).slice(0, -1),
  );
  const tail = `],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
  let size = PAGE_HEAD.length + Buffer.byteLength(tail);
  page.items.forEach((item, i) => {
    size += Buffer.byteLength(heads[i]) + BEFORE.length + AFTER.length + 2;
    size += snapshotSize(item.before) + snapshotSize(item.after);
  });
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write(PAGE_HEAD, 0, 'latin1');
  page.items.forEach((item, i) => {
    if (i > 0) at += bytes.write(',', at, 'latin1');
    at += bytes.write(heads[i], at);
    at += bytes.write(BEFORE, at, 'latin1');
    at = writeSnapshot(bytes, at, item.before);
    at += bytes.write(AFTER, at, 'latin1');
    at = writeSnapshot(bytes, at, item.after);
    at += bytes.write('}', at, 'latin1');
  });
  at += bytes.write(tail, at);
  return bytes.subarray(0, at);
}

const PAGE_HEAD = '{"items":[';
const BEFORE = ',"before":';
const AFTER = ',"after":';

function snapshotSize(stored: string | null): number {
  return stored === null ? 4 : Buffer.byteLength(stored);
}

/** Writes a stored snapshot (or null) at `at`, compacted; returns where it ends. */
function writeSnapshot(bytes: Buffer, at: number, stored: string | null): number {
  if (stored === null) return at + bytes.write('null', at, 'latin1');
  return compactJsonBytes(bytes, at, at + bytes.write(stored, at));
}

export function auditActorOf(actor: Actor): AuditActor {
  if (actor.kind !== 'token') return { type: actor.kind, id: null, name: actor.kind, team: null };
  return { type: 'token', id: actor.tokenId, name: actor.tokenName, team: actor.teamSlug };
}
