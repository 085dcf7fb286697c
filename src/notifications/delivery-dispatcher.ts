import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { AliasSetDependents } from '../alias-sets/alias-set-dependents';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/config';
import { type EventSubject, fanOut } from '../domain/webhooks';
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
    private readonly dependents: AliasSetDependents,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Handles one batch; returns how many events it took (0: nothing left). */
  dispatchBatch(): Promise<number> {
    return this.queue.run(async (tx) => {
      const events = await this.queue.takeUndispatched(tx, BATCH);
      if (events.length === 0) return 0;
      const refs = [...new Set(events.map((event) => event.set))];
      const dependents = await this.dependentsOf(tx, refs);
      const subjects = [...events, ...[...dependents.values()].flat()];
      const subscribers = await this.queue.subscribers(
        tx,
        [...new Set(subjects.map((subject) => subject.team))],
        [...new Set(subjects.map((subject) => subject.set))],
      );
      const deliveries: NewDelivery[] = [];
      for (const event of events) {
        for (const out of fanOut(event, dependents.get(event.set) ?? [], subscribers)) {
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

  /**
   * Every set that includes each changed set, transitively, as it is now: the sets whose
   * resolution the change altered.
   */
  private async dependentsOf(
    tx: Tx,
    refs: string[],
  ): Promise<Map<string, (EventSubject & { version: number })[]>> {
    const found = await this.dependents.of(refs, tx);
    const all = [...new Set([...found.values()].flat().map((dependent) => dependent.set))];
    const subjects = await this.queue.subjects(tx, all);
    return new Map(
      refs.map((ref) => [
        ref,
        (found.get(ref) ?? []).flatMap((dependent) => {
          const subject = subjects.get(dependent.set);
          return subject ? [{ set: dependent.set, ...subject }] : [];
        }),
      ]),
    );
  }
}
