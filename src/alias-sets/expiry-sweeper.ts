import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

import type { Config } from '../config/config';
import { CONFIG } from '../config/config.module';
import { formatSetRef } from '../domain/host-alias';
import { AliasSetWriter } from './alias-set.writer';
import { AliasSetsRepository } from './alias-sets.repository';

/** Sets handled per sweep; the next sweep takes the rest. */
const BATCH = 100;

/**
 * Every few seconds, on every replica: find sets with expired entries and write each a new version
 * without them (AliasSetWriter.expire: audited as the system, notified like any change).
 * Resolution already leaves expired entries out from their instant on; the sweep makes the stored
 * set, its history and its subscribers agree. Replicas never write the same expiry twice: each set
 * is re-read and written only if still at the version read (the other replica's write moved it
 * on), and a set with nothing expired is left.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpirySweeper');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly sets: AliasSetsRepository,
    private readonly writer: AliasSetWriter,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.expirySweepIntervalMs;
    if (interval === 0) return;
    this.timer = setInterval(() => this.tick(), interval);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps once; returns how many sets got a new version. */
  async sweep(now = Date.now()): Promise<number> {
    let written = 0;
    for (const ref of await this.sets.withExpiredEntries(new Date(now), BATCH)) {
      const result = await this.writer.expire(ref, now);
      if (result?.changed) {
        written++;
        this.logger.log(`expired entries of ${formatSetRef(ref)} (version ${result.set.version})`);
      }
    }
    return written;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.sweep()
      .then(() => undefined)
      // A database outage must not stop the timer: the next tick tries again.
      .catch((error: unknown) => this.logger.warn(`sweep failed: ${(error as Error).message}`))
      .finally(() => (this.running = undefined));
  }
}
