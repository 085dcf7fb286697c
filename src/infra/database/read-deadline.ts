import type { Pool, PoolClient, QueryConfig, QueryResult, QueryResultRow } from 'pg';

/**
 * The client-side bound on a statement, for a server that stops answering (SIGSTOP, a network
 * partition): a statement still unanswered after `limitMs` ends its connection, so it fails with
 * pg's "Connection terminated" (a 503 through the error mapping) and the connection leaves the
 * pool. `statement_timeout` is the server's own bound; this one covers a server that cannot
 * enforce it.
 *
 * One timer for all statements, not pg's `query_timeout`: that option arms a timer per statement
 * whose closure holds the statement and its rows, and with it every result lived through the
 * young generation's collections and was promoted (measured: at one connection, half of what an
 * audit page allocated survived each scavenge and a full collection followed every 300-450 ms;
 * the page took 20 % more CPU and its p99 tripled). Here a statement is a map entry of its
 * connection and start time, checked once a second.
 */
export class ReadDeadline {
  /** Connections with a statement in flight, in the order their statements started. */
  private readonly running = new Map<PoolClient, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly limitMs: number,
    checkMs = 1000,
  ) {
    this.timer = setInterval(() => this.check(), checkMs);
    this.timer.unref();
  }

  /** One statement on `client` under the deadline. */
  async query<R extends QueryResultRow>(
    client: PoolClient,
    statement: QueryConfig,
  ): Promise<QueryResult<R>> {
    this.running.set(client, Date.now());
    try {
      return await new Promise<QueryResult<R>>((resolve, reject) =>
        client.query<R>(statement, (error, result) => (error ? reject(error) : resolve(result))),
      );
    } finally {
      this.running.delete(client);
    }
  }

  /**
   * One statement on a connection of its own from `pool`, as `pool.query` runs it: a connection
   * whose statement failed is not given back for reuse.
   */
  async poolQuery<R extends QueryResultRow>(
    pool: Pool,
    statement: QueryConfig,
  ): Promise<QueryResult<R>> {
    const client = await pool.connect();
    try {
      const result = await this.query<R>(client, statement);
      client.release();
      return result;
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const due = Date.now() - this.limitMs;
    for (const [client, startedAt] of this.running) {
      if (startedAt > due) return;
      this.running.delete(client);
      // With a statement in flight pg destroys the socket at once: the statement fails.
      void client.end().catch(() => undefined);
    }
  }
}
