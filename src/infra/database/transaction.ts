import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';
import type { Counter } from 'prom-client';

import { Metrics } from '../metrics/metrics';
import { PrismaService } from './prisma.service';

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

  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
  ) {
    this.counter = metrics.dbQueries;
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
    return (await this.prisma.pool.query<R>(text, values)).rows;
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    const tx: Tx = {
      query: async <R extends QueryResultRow>(text: string, values?: unknown[]) => {
        this.counter.inc();
        return (await client.query<R>(text, values)).rows;
      },
    };
    let broken = false;
    try {
      await tx.query('BEGIN');
      const result = await work(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      // A connection that could not even roll back is not given to the next caller.
      client.release(broken);
    }
  }
}

/**
 * The parameters of one statement built from parts written in different places (e.g. a write
 * and the audit event that commits with it): each part adds its values and gets their `$n`.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    return `$${this.values.push(value)}`;
  }
}

/** PostgreSQL's unique_violation: e.g. two creators raced on the same new name. */
export function isUniqueViolation(error: unknown): boolean {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505';
}
