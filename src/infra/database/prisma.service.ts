import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';

import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/config';
import { PrismaClient } from '../../generated/prisma/client';
import { Metrics } from '../metrics/metrics';

/** The one Prisma client of the process, on the `pg` driver adapter, closed on shutdown. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  /** The pg pool under the client, for the few statements written in SQL (see SqlTransactionRunner). */
  readonly pool: Pool;

  constructor(@Inject(CONFIG) config: Config, metrics: Metrics) {
    if (!config.databaseUrl) throw new Error('PrismaService needs a database URL');
    const logger = new Logger('Database');
    const pool = new Pool({
      connectionString: config.databaseUrl,
      max: 10,
      // Fail fast instead of hanging when the database is away: callers get a 503.
      connectionTimeoutMillis: 3000,
    });
    // An idle connection dropped by the server must not crash the process; the pool reconnects.
    pool.on('error', (error) => logger.warn(`idle database connection lost: ${error.message}`));
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
    await this.$disconnect();
    await this.pool.end();
  }
}
