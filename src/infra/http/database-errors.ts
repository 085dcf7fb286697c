/* Part of the one error mapping (known-errors.ts): which database failures are whose fault. */

/**
 * SQLSTATEs and Prisma codes meaning "the database cannot serve this now; the same request may
 * succeed later": the server is gone, starting or stopping, overloaded, or a timeout we set fired.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown: `pg_ctl stop -m fast`
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: shutting down, starting up, in recovery
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '55P03', // lock_not_available: lock_timeout
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  'P1001', // can't reach database server
  'P1002', // database server timed out
  'P1008', // operation timed out
  'P1017', // server has closed the connection
  'P1018', // transaction already closed
  'P2024', // timed out fetching a connection from the pool
  'P2028', // transaction API error (timed out starting or running)
  'P2034', // write conflict or deadlock
]);

/** Whole SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57 operator intervention. */
const UNAVAILABLE_CLASSES = /^(?:08|53|57)[0-9A-Z]{3}$/;

/** Prisma's adapter kinds for a lost or refused connection. */
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionWriteConflict',
  'TransactionAlreadyClosed',
]);

/** Errors without a code that pg, pg-pool and Prisma raise when the connection is lost or slow. */
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|Connection terminated|connection (?:is )?closed|terminating connection|Can't reach database|Server has closed the connection|connection error and is not queryable|timeout exceeded when trying to connect|Query read timeout|the database system is (?:shutting down|starting up|in recovery|not yet accepting)|canceling statement due to|Transaction already closed|Unable to start a transaction in the given time|Timed out fetching a new connection/i;

/**
 * SQLSTATE class 22 (data exception: out of range, invalid text, NUL byte) and Prisma's
 * equivalents: the client sent a value the database cannot hold. Input validation should have
 * named the field first; this is the net under it, so such a value is never a 500.
 */
const INVALID_CLASS = /^22[0-9A-Z]{3}$/;
const INVALID_CODES = new Set(['P2000', 'P2007', 'P2020', 'P2033']);

export type DatabaseFailure = 'unavailable' | 'invalid';

/** Classifies a database error by cause, looking through Prisma's and pg's wrappers. */
export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  let invalid = false;
  for (const layer of errorLayers(error)) {
    const code = stringField(layer, 'code') ?? stringField(layer, 'originalCode');
    const kind = stringField(layer, 'kind');
    const message = stringField(layer, 'message') ?? stringField(layer, 'originalMessage') ?? '';
    if (code !== undefined && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_CLASSES.test(code))) {
      return 'unavailable';
    }
    if (kind !== undefined && UNAVAILABLE_KINDS.has(kind)) return 'unavailable';
    if (UNAVAILABLE_MESSAGE.test(message)) return 'unavailable';
    if (code !== undefined && (INVALID_CLASS.test(code) || INVALID_CODES.has(code))) invalid = true;
    if (kind === 'ValueOutOfRange' || kind === 'InvalidInputValue' || kind === 'LengthMismatch') {
      invalid = true;
    }
  }
  return invalid ? 'invalid' : undefined;
}

/** The error, its `cause` chain and Prisma's `meta.driverAdapterError` (with its `cause`). */
function errorLayers(error: unknown): object[] {
  const layers: object[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && layers.length < 12) {
    const next = pending.shift();
    if (typeof next !== 'object' || next === null || layers.includes(next)) continue;
    layers.push(next);
    const record = next as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    pending.push(record.cause, record.meta?.driverAdapterError);
  }
  return layers;
}

function stringField(value: object, key: string): string | undefined {
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}
