import { Module } from '@nestjs/common';

import { WebhookOutbox } from './webhook-outbox';
import { WebhookOutboxRepository } from './webhook-outbox.repository';

/**
 * Only the outbox, for the alias-set writer: the rest of notifications depends on alias sets
 * (dependents), so the writer's side lives in its own module to keep the graph acyclic.
 */
@Module({
  providers: [WebhookOutboxRepository, WebhookOutbox],
  exports: [WebhookOutbox],
})
export class OutboxModule {}
