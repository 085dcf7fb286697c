import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { CONFIG } from '../config/config.module';
import type { Config } from '../config/config';
import { fanOut } from '../domain/webhooks';
import type { Tx } from '../infra/database/transaction';
import { DeliveryQueueRepository, type NewDelivery } from './delivery-queue.repository';

const BATCH = 100;

/**
 * Turns committed outbox rows into deliveries, one per webhook that should hear of them. Any
 * replica may run it: rows are taken with SKIP LOCKED and stamped in the same transaction.
 */
@Injectable()
export class DeliveryDispatcher {
  constructor(
    private readonly queue: DeliveryQueueRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Handles one batch; returns how many events it took (0: nothing left). */
  dispatchBatch(): Promise<number> {
    return this.queue.run(async (tx) => {
      const events = await this.queue.takeUndispatched(tx, BATCH);
      if (events.length === 0) return 0;
      const refs = events.map((event) => event.set);
      const teams = events.map((event) => event.team);
      const subscribers = await this.queue.subscribers(tx, teams, refs);
      const deliveries: NewDelivery[] = [];
      for (const event of events) {
        for (const out of fanOut(event, await this.dependents(tx, event.set), subscribers)) {
          deliveries.push({
            id: randomUUID(),
            webhookId: out.webhookId,
            eventId: event.id,
            type: out.type,
            set: out.set,
            payload: JSON.stringify(out.payload),
          });
        }
      }
      const retryUntil = new Date(Date.now() + this.config.webhooks.retryForMs);
      await this.queue.insertDeliveries(tx, deliveries, retryUntil);
      await this.queue.markDispatched(
        tx,
        events.map((event) => event.id),
      );
      return events.length;
    });
  }

  private dependents(_tx: Tx, _set: string) {
    return Promise.resolve([]);
  }
}
