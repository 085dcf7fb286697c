import type { Logger } from '@nestjs/common';
import { Pool, type PoolConfig } from 'pg';

/**
 * How long anything may wait on PostgreSQL. A database that is gone, frozen or overloaded turns
 * into a prompt error (then a 503) instead of requests that hang for as long as the fault lasts.
 */
export const DATABASE_TIMEOUTS = {
  /** Opening a connection, and waiting for a free one when the pool is exhausted. */
  connectMs: 3000,
  /** One statement, enforced by the server (SQLSTATE 57014). */
  statementMs: 5000,
  /** The same bound on the client side, for a server that stops answering (ReadDeadline). */
  queryReadMs: 6000,
  /** A transaction left open with nothing running is ended by the server (25P03). */
  idleInTransactionMs: 10_000,
  /** A row lock waited for longer than this fails (55P03) rather than queueing forever. */
  lockMs: 4000,
} as const;

export function poolConfig(connectionString: string): PoolConfig {
  return {
    connectionString,
    max: 10,
    connectionTimeoutMillis: DATABASE_TIMEOUTS.connectMs,
    statement_timeout: DATABASE_TIMEOUTS.statementMs,
    // No query_timeout: its timer per statement kept every result alive (ReadDeadline).
    idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
    lock_timeout: DATABASE_TIMEOUTS.lockMs,
    // Detect a peer that vanished without closing the socket.
    keepAlive: true,
  };
}

/**
 * The process's pool, with every client's errors handled. pg emits 'error' on a client when the
 * server ends its session (57P01 on `pg_ctl stop -m fast`, a network reset); an EventEmitter with
 * no listener turns that into an uncaught exception that kills the process. The pool listens only
 * while a client is idle, so a client checked out by any transaction runner (ours, Prisma's)
 * needs a listener of its own: one is attached to every client as it connects and stays for the
 * client's life. The query in flight still fails with the error and becomes a 503.
 */
export function createPool(connectionString: string, logger: Logger): Pool {
  const pool = new Pool(poolConfig(connectionString));
  pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn(`database connection lost: ${error.message}`));
  });
  return pool;
}
