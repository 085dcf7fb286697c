import type { AliasEntry, AliasSetSnapshot, FieldError } from './host-alias';

export const RFC3339_MESSAGE = 'must be an RFC 3339 date-time, e.g. 2026-12-31T18:00:00Z';
export const FUTURE_MESSAGE = 'must be in the future';

// RFC 3339 section 5.6 `date-time`: a full date, `T`, a full time with an offset; the letters may
// be lowercase. Four-digit years keep every value inside what JavaScript and PostgreSQL store.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time, or null when it is not one (a day that
 * its month does not have, hour 24, an offset beyond 23:59). Fractions below a millisecond are cut,
 * as PostgreSQL stores milliseconds. Leap seconds (`:60`) are refused, as Go's parser (and so
 * Kubernetes) refuses them.
 */
export function parseRfc3339(value: string): number | null {
  const m = DATE_TIME.exec(value);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offset = 0;
  if (m[8] === undefined) {
    const [hours, minutes] = [Number(m[10]), Number(m[11])];
    if (hours > 23 || minutes > 59) return null;
    offset = (m[9] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(1, 4).padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(utc);
  date.setUTCFullYear(year);
  return date.getTime() - offset * 60_000;
}

/** The one spelling stored and returned: UTC, milliseconds, `Z`. */
export function formatInstant(millis: number): string {
  return new Date(millis).toISOString();
}

/** `expiresAt` of one entry: absent, or an RFC 3339 date-time after `now`. */
export function validateExpiresAt(value: unknown, field: string, now: number): FieldError[] {
  if (value === undefined || value === null) return [];
  const at = typeof value === 'string' ? parseRfc3339(value) : null;
  if (at === null) return [{ field, message: RFC3339_MESSAGE }];
  return at > now ? [] : [{ field, message: `${FUTURE_MESSAGE} (now is ${formatInstant(now)})` }];
}

/** An entry's expiry, in the stored spelling; undefined when it has none or it cannot be read. */
export function normalizeExpiresAt(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const at = parseRfc3339(value);
  return at === null ? value : formatInstant(at);
}

/** A set as resolution sees it at one instant: without its expired entries. */
export type LiveSet<S extends AliasSetSnapshot> = S & {
  /** Entries of the stored version left out because they expired. */
  readonly expiredEntries: number;
};

interface Expiries {
  /** The instants at which entries expire, ascending (one per entry that has one). */
  instants: number[];
  /** Live views by how many entries have expired: the same object for the same state. */
  views: Map<number, AliasSetSnapshot>;
}

// Snapshots are never modified, so what is derived from one is kept with it.
const expiriesOf = new WeakMap<AliasSetSnapshot, Expiries>();

function expiries(set: AliasSetSnapshot): Expiries {
  let known = expiriesOf.get(set);
  if (known === undefined) {
    const instants: number[] = [];
    for (const entry of set.entries) {
      const at = entryExpiry(entry);
      if (at !== undefined) instants.push(at);
    }
    known = { instants: instants.sort((a, b) => a - b), views: new Map() };
    expiriesOf.set(set, known);
  }
  return known;
}

function entryExpiry(entry: AliasEntry): number | undefined {
  if (entry.expiresAt === undefined) return undefined;
  return parseRfc3339(entry.expiresAt) ?? undefined;
}

/**
 * The set without the entries expired at `now` (an entry is gone from its `expiresAt` on), as a
 * shallow copy that is the same object for the same state, so caches keyed by the object or by
 * (version, expiredEntries) keep working; entries are shared until one expires.
 */
export function liveAt<S extends AliasSetSnapshot>(set: S, now: number): LiveSet<S> {
  const { instants, views } = expiries(set);
  let expired = 0;
  while (expired < instants.length && instants[expired] <= now) expired++;
  let view = views.get(expired);
  if (view === undefined) {
    const entries =
      expired === 0
        ? set.entries
        : set.entries.filter((entry) => {
            const at = entryExpiry(entry);
            return at === undefined || at > now;
          });
    view = { ...set, entries, expiredEntries: expired };
    views.set(expired, view);
  }
  return view as LiveSet<S>;
}

/** The first instant after `now` at which an entry of the set expires; undefined if none will. */
export function nextExpiry(set: AliasSetSnapshot, now: number): number | undefined {
  return expiries(set).instants.find((at) => at > now);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
