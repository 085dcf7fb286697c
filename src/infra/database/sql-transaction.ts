import { Injectable } from '@nestjs/common';
import type { QueryResultRow } from 'pg';

import { Metrics } from '../metrics/metrics';
import { PrismaService } from './prisma.service';

/** A transaction of plain SQL statements, opaque to services: only repositories use it. */
export interface SqlTx {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
}

/**
 * Plain SQL on the pool Prisma uses: a unit of work in one transaction, or one statement on its
 * own. For the hottest paths, where Prisma's client cost was most of the request time: the
 * alias-set write (with revision and audit) and audit pages (JSONB snapshots); everything else
 * uses Prisma and TransactionRunner.
 */
@Injectable()
export class SqlTransactionRunner {
  constructor(
    private readonly prisma: PrismaService,
    private readonly metrics: Metrics,
  ) {}

  /** One statement outside any transaction (autocommit): for reads. */
  async query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
    this.metrics.dbQueries.inc();
    return (await this.prisma.pool.query<R>(text, values)).rows;
  }

  async run<T>(work: (tx: SqlTx) => Promise<T>): Promise<T> {
    const client = await this.prisma.pool.connect();
    const tx: SqlTx = {
      query: async <R extends QueryResultRow>(text: string, values?: unknown[]) => {
        this.metrics.dbQueries.inc();
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
