import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/config';
import { PrismaClient } from '../../generated/prisma/client';

/** The one Prisma client of the process, on the `pg` driver adapter, closed on shutdown. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(CONFIG) config: Config) {
    if (!config.databaseUrl) throw new Error('PrismaService needs a database URL');
    super({
      adapter: new PrismaPg({
        connectionString: config.databaseUrl,
        max: 10,
        // Fail fast instead of hanging when the database is away: callers get a 503.
        connectionTimeoutMillis: 3000,
      }),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
