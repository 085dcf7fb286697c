import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Pool } from 'pg';

import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/config';
import { PrismaClient } from '../../generated/prisma/client';
import { Metrics } from '../metrics/metrics';
import { createPool, DATABASE_TIMEOUTS } from './pool';
import { ReadDeadline } from './read-deadline';

/** The one Prisma client of the process, on the `pg` driver adapter, closed on shutdown. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** The pg pool under the client, for the few statements written in SQL (see TransactionRunner). */
  readonly pool: Pool;
  /** The client-side bound on every statement the service sends through the pool. */
  readonly deadline = new ReadDeadline(DATABASE_TIMEOUTS.queryReadMs);

  constructor(@Inject(CONFIG) config: Config, metrics: Metrics) {
    if (!config.databaseUrl) throw new Error('PrismaService needs a database URL');
    const logger = new Logger('Database');
    const pool = createPool(config.databaseUrl, logger);
    super({ adapter: new PrismaPg(pool), log: [{ emit: 'event', level: 'query' }] });
    this.pool = pool;
    // The client is created with query events on, which its default type parameters do not say.
    (this as unknown as PrismaClient<'query'>).$on('query', () => metrics.dbQueries.inc());
    metrics.watchPool(() => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }));
  }

  async onModuleDestroy(): Promise<void> {
    this.deadline.stop();
    await this.$disconnect();
    await this.pool.end();
  }
}
