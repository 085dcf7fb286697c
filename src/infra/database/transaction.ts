import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { Pool, QueryConfig, QueryResultRow } from 'pg';
import type { Counter } from 'prom-client';

import { Metrics } from '../metrics/metrics';
import { PrismaService } from './prisma.service';
import type { ReadDeadline } from './read-deadline';

/**
 * The one transaction handle. Services only pass it from `TransactionRunner.run` to
 * repositories, which send it plain SQL: a statement costs a tenth of a Prisma call, and a write
 * with its revision and audit event needs about ten.
 */
export interface Tx {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
}

/**
 * Runs a unit of work in one transaction on the pool Prisma uses (a change, its revision and its
 * audit event commit together), or one statement on its own for reads.
 */
@Injectable()
export class TransactionRunner {
  private counter: Counter;
  /**
   * Read once: the Prisma client is a Proxy, and every property read through it runs its trap
   * (5 % of a write's CPU when read per statement).
   */
  private readonly pool: Pool;
  private readonly deadline: ReadDeadline;

  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
  ) {
    this.counter = metrics.dbQueries;
    this.pool = prisma.pool;
    this.deadline = prisma.deadline;
  }

  /**
   * The same runner for work no request waits for (webhook delivery): its statements are counted
   * apart, so `db_queries_total` keeps measuring what requests cost.
   */
  background(): TransactionRunner {
    const runner = new TransactionRunner(this.prisma, this.metrics);
    runner.counter = this.metrics.backgroundDbQueries;
    return runner;
  }

  /** One statement outside any transaction (autocommit): for reads. */
  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    this.counter.inc();
    return (await this.deadline.poolQuery<R>(this.pool, { text, values })).rows;
  }

  /**
   * Statements that each commit on their own, prepared by name like those of `run`: for a change
   * whose whole work is one statement (the writer's optimistic first attempt), which a
   * transaction would only wrap in two more round trips.
   */
  readonly autocommit: Tx = {
    query: async <R extends QueryResultRow>(text: string, values?: unknown[]) => {
      this.counter.inc();
      return (await this.deadline.poolQuery<R>(this.pool, prepared(text, values))).rows;
    },
  };

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Tx = {
      query: async <R extends QueryResultRow>(text: string, values?: unknown[]) => {
        this.counter.inc();
        return (await this.deadline.query<R>(client, prepared(text, values))).rows;
      },
    };
    let broken = false;
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await this.deadline.query(client, { text: 'ROLLBACK' }).catch(() => (broken = true));
      throw error;
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken);
    }
  }
}

/** Distinct statements prepared by name, at most (per process; each connection prepares its own). */
const MAX_PREPARED = 200;
const statementNames = new Map<string, string>();

/**
 * A statement with parameters, inside a transaction, as a named prepared statement: each
 * connection parses and plans it once, not on every write (a write's one statement is a long
 * CTE chain of fixed shape, whose parsing and planning cost PostgreSQL more than running it: 3.3
 * ms of its CPU per PUT before, 1.5 ms after, in the bench). Reads outside transactions stay
 * unnamed: their best plans depend on their parameters (a team's share of the audit log, say).
 * The name is the text's hash, so the same text always has the same name; beyond MAX_PREPARED
 * distinct texts, unnamed. Through PgBouncer this needs `max_prepared_statements`
 * (deploy/overlays/cloudnative-pg/pooler.yaml).
 */
function prepared(text: string, values: unknown[] | undefined): QueryConfig {
  if (values === undefined) return { text };
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) {
    name = `s${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

/** PostgreSQL's unique_violation: e.g. two creators raced on the same new name. */
export function isUniqueViolation(error: unknown): boolean {
  return codeOf(error) === '23505';
}

/**
 * PostgreSQL's foreign_key_violation (an include of a set deleted meanwhile) or restrict_violation
 * (a delete of a set included meanwhile: the includes' key is ON DELETE RESTRICT).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23503' || code === '23001';
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null
    ? (error as { code?: unknown }).code
    : undefined;
}
