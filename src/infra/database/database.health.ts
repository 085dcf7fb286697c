import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

import { TransactionRunner } from './transaction';

/** Readiness of the database: one `SELECT 1` through the pool every request uses. */
@Injectable()
export class DatabaseHealth {
  constructor(
    private readonly db: TransactionRunner,
    private readonly indicator: HealthIndicatorService,
  ) {}

  ping(key: string, timeoutMs: number) {
    return this.indicator
      .check(key)
      .attempt(async () => {
        await this.db.query('SELECT 1');
      })
      .withTimeout(timeoutMs);
  }
}
