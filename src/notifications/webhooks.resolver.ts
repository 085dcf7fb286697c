import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { Page } from '../common/pagination';
import { CreateWebhookInput } from './dto/create-webhook.input';
import {
  CreatedWebhookModel,
  DeliveryModel,
  DeliveryPageModel,
  WebhookModel,
} from './models/webhook.model';
import type { Delivery, Webhook } from './webhook';
import { type CreatedWebhook, WebhooksService } from './webhooks.service';

@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookModel], { description: "A team's webhooks, without secrets." })
  async webhooks(@RequestContext() ctx: Ctx, @Args('team') team: string): Promise<Webhook[]> {
    return (await this.service.list(ctx, team)).items;
  }

  @Query(() => DeliveryPageModel, { description: 'Deliveries of a webhook, newest first.' })
  webhookDeliveries(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('id') id: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<Delivery>> {
    return this.service.deliveries(ctx, team, id, { limit: first, cursor: after ?? undefined });
  }

  @Mutation(() => CreatedWebhookModel)
  createWebhook(
    @RequestContext() ctx: Ctx,
    @Args('input') input: CreateWebhookInput,
  ): Promise<CreatedWebhook> {
    const { team, ...body } = input;
    return this.service.create(ctx, team, body);
  }

  @Mutation(() => WebhookModel)
  deleteWebhook(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('id') id: string,
  ): Promise<Webhook> {
    return this.service.delete(ctx, team, id);
  }

  @Mutation(() => DeliveryModel)
  redeliverWebhookDelivery(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('webhookId') webhookId: string,
    @Args('deliveryId') deliveryId: string,
  ): Promise<Delivery> {
    return this.service.redeliver(ctx, team, webhookId, deliveryId);
  }
}
