import { DomainError } from '../domain/errors';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

/** Every list is `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cursors are opaque to clients: base64url of the last row's key. */
export function encodeCursor(key: string | number | bigint): string {
  return Buffer.from(`k:${key.toString()}`).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  field = 'cursor',
): string | undefined {
  // GraphQL clients may send an explicit null for "first page".
  if (cursor === undefined || cursor === null || cursor === '') return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('k:') || decoded.length < 3) {
    throw DomainError.invalid([{ field, message: 'is not a cursor returned by this API' }]);
  }
  return decoded.slice(2);
}

/** Largest key of an INTEGER (SERIAL) column, and of a BIGINT (BIGSERIAL) one. */
export const INT_KEY_MAX = 2n ** 31n - 1n;
export const BIGINT_KEY_MAX = 2n ** 63n - 1n;

/** A cursor whose key is a number no larger than `max`: anything else is a 400, not a query. */
export function decodeNumericCursor(
  cursor: string | null | undefined,
  field = 'cursor',
  max = INT_KEY_MAX,
): bigint | undefined {
  const key = decodeCursor(cursor, field);
  if (key === undefined) return undefined;
  if (!/^\d{1,19}$/.test(key) || BigInt(key) > max) {
    throw DomainError.invalid([{ field, message: 'is not a cursor returned by this API' }]);
  }
  return BigInt(key);
}

/** What the caller called a page's size and cursor, so an error names the argument it gave. */
export interface PageArgNames {
  limit: string;
  cursor: string;
}

/** A GraphQL connection's arguments (`first`, `after`); REST lists say `limit` and `cursor`. */
export const CONNECTION_ARGS: PageArgNames = { limit: 'first', cursor: 'after' };

/** A page size as asked (`limit`, or GraphQL `first`): 1 to MAX_LIMIT, DEFAULT_LIMIT when absent. */
export function pageSize(limit: number | undefined, field = 'limit'): number {
  if (limit === undefined || limit === null) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw DomainError.invalid([
      { field, message: `must be a whole number from 1 to ${MAX_LIMIT}` },
    ]);
  }
  return limit;
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says there is more. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string | number | bigint,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
