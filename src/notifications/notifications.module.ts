import { Module } from '@nestjs/common';

import { AliasSetsModule } from '../alias-sets/alias-sets.module';
import { AuditModule } from '../audit/audit.module';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/config';
import { TeamsModule } from '../teams/teams.module';
import { DeliveryDispatcher } from './delivery-dispatcher';
import { DeliveryQueueRepository } from './delivery-queue.repository';
import { DeliveryWorker } from './delivery-worker';
import { WebhookSecretBox } from './webhook-secret';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksResolver } from './webhooks.resolver';
import { WebhooksService } from './webhooks.service';

/** Team webhooks (SPEC 10): CRUD, the deliveries log, and the background delivery worker. */
@Module({
  imports: [AuditModule, TeamsModule, AliasSetsModule],
  controllers: [WebhooksController],
  providers: [
    {
      provide: WebhookSecretBox,
      inject: [CONFIG],
      useFactory: (config: Config) => new WebhookSecretBox(config.webhooks.secretKey),
    },
    WebhooksRepository,
    WebhooksService,
    WebhooksResolver,
    DeliveryQueueRepository,
    DeliveryDispatcher,
    DeliveryWorker,
  ],
})
export class NotificationsModule {}
