import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';

import { CONFIG } from '../config/config.module';
import type { Config } from '../config/config';
import { nextAttemptAt } from '../domain/webhooks';
import { ChangeFeed } from '../infra/database/change-feed';
import { Metrics } from '../infra/metrics/metrics';
import { type ClaimedDelivery, DeliveryQueueRepository } from './delivery-queue.repository';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { messageIdOf } from './webhook';
import { WebhookSecretBox } from './webhook-secret';
import { type SendResult, sendWebhook } from './webhook-sender';

/** Past its timeout, how long a claimed attempt stays leased before another replica may retry. */
const LEASE_MARGIN_MS = 10_000;

/**
 * The background side of notifications, in every replica: dispatches committed outbox rows and
 * sends due deliveries, at most `WEBHOOK_CONCURRENCY` at a time. Woken by the change feed when
 * a set changes, by its own timer when a retry is due, and polls every `WEBHOOK_POLL_MS`
 * otherwise (retries scheduled by other replicas, deliveries left by a stopped one).
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private timerAt = Infinity;
  private ticking = false;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    private readonly queue: DeliveryQueueRepository,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly changes: ChangeFeed,
    private readonly metrics: Metrics,
    @Inject(CONFIG) private readonly config: Config,
    private readonly secrets: WebhookSecretBox,
  ) {}

  onApplicationBootstrap(): void {
    this.metrics.watchWebhookQueue(() => this.queue.stats());
    this.changes.onChange(() => this.wake());
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // Attempts in flight end within their timeout; their outcome is recorded if it still can be.
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for work now (or as soon as the current look ends). */
  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    let busy = false;
    try {
      while ((await this.dispatcher.dispatchBatch()) > 0 && !this.stopped);
      const free = this.config.webhooks.concurrency - this.inFlight.size;
      if (free > 0 && !this.stopped) {
        const lease = this.config.webhooks.timeoutMs + LEASE_MARGIN_MS;
        const claimed = await this.queue.claimDue(free, lease);
        for (const delivery of claimed) this.start(delivery);
        busy = claimed.length === free;
      }
      if (this.failing) this.logger.log('webhook delivery works again');
      this.failing = false;
    } catch (error) {
      if (!this.failing) {
        this.logger.warn(`webhook delivery paused: ${(error as Error).message}; retrying`);
      }
      this.failing = true;
    } finally {
      this.ticking = false;
    }
    if (this.again || busy) {
      this.again = false;
      this.wake();
    } else {
      this.sleepUntil(Date.now() + this.config.webhooks.pollMs);
    }
  }

  private sleepUntil(at: number): void {
    if (this.stopped || (this.timer !== undefined && this.timerAt <= at)) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Infinity;
        this.wake();
      },
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }

  private start(delivery: ClaimedDelivery): void {
    const attempt = this.attempt(delivery).catch((error: Error) => {
      // The lease runs out and another pass retries it: at least once, never lost.
      this.logger.warn(`recording webhook attempt failed: ${error.message}`);
    });
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      this.wake();
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const secret = this.secrets.open(delivery.secret);
    const result: SendResult =
      secret instanceof Error
        ? {
            startedAt: new Date(),
            durationMs: 0,
            statusCode: null,
            error: secret.message,
            succeeded: false,
          }
        : await sendWebhook({
            url: delivery.url,
            secret,
            messageId: messageIdOf(delivery.id),
            payload: delivery.payload,
            timeoutMs: this.config.webhooks.timeoutMs,
          });
    const next = result.succeeded
      ? null
      : nextAttemptAt(
          {
            baseDelayMs: this.config.webhooks.retryBaseMs,
            maxDelayMs: this.config.webhooks.retryMaxDelayMs,
          },
          delivery.attempt,
          delivery.retryUntil,
          new Date(),
          Math.random(),
        );
    const recorded = await this.queue.recordAttempt({
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      ...result,
      nextAttemptAt: next,
    });
    if (!recorded) return;
    this.metrics.webhookAttempts.inc({
      result: result.succeeded ? 'succeeded' : next ? 'retrying' : 'failed',
    });
    if (next) this.sleepUntil(next.getTime());
  }
}
