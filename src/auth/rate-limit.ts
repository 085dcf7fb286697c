import { createHash } from 'node:crypto';

import type { Actor } from './actor';

/** The one throttler of the API, counting per caller across all routes. */
export const THROTTLER_NAME = 'default';
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Who a request is counted against: a team token, the super-user, or the client address (read
 * only when needed: behind a proxy it means parsing X-Forwarded-For).
 */
export function rateLimitTracker(actor: Actor | undefined, ip: () => string): string {
  if (actor?.kind === 'token') return `token:${actor.tokenId}`;
  if (actor?.kind === 'admin') return 'admin';
  return `ip:${ip()}`;
}

const keys = new Map<string, string>();

/** The storage key of a tracker, the same for the guard and the render fast path (memoized). */
export function rateLimitKey(tracker: string): string {
  let key = keys.get(tracker);
  if (key === undefined) {
    if (keys.size >= 100_000) keys.clear();
    key = createHash('sha256').update(`${THROTTLER_NAME}:${tracker}`).digest('hex');
    keys.set(tracker, key);
  }
  return key;
}
