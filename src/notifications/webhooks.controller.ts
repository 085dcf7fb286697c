import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ListQueryDto } from '../common/list-query.dto';
import type { Page } from '../common/pagination';
import { CreateWebhookBody } from './dto/create-webhook.input';
import {
  CreatedWebhookModel,
  DeliveryModel,
  DeliveryPageModel,
  WebhookListModel,
  WebhookModel,
} from './models/webhook.model';
import type { Delivery, Webhook } from './webhook';
import { type CreatedWebhook, WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/v1/teams/:team/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a webhook; its signing secret is in this response only' })
  @ApiResponse({ status: 201, type: CreatedWebhookModel })
  create(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Body() body: CreateWebhookBody,
  ): Promise<CreatedWebhook> {
    return this.webhooks.create(ctx, team, body);
  }

  @Get()
  @ApiOperation({ summary: "List the team's webhooks (never their secrets)" })
  @ApiResponse({ status: 200, type: WebhookListModel })
  list(@RequestContext() ctx: Ctx, @Param('team') team: string): Promise<Page<Webhook>> {
    return this.webhooks.list(ctx, team);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook (never its secret)' })
  @ApiResponse({ status: 200, type: WebhookModel })
  get(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('id') id: string,
  ): Promise<Webhook> {
    return this.webhooks.get(ctx, team, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook with its deliveries log' })
  @ApiResponse({ status: 200, type: WebhookModel })
  delete(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('id') id: string,
  ): Promise<Webhook> {
    return this.webhooks.delete(ctx, team, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Deliveries of a webhook, newest first, each with its attempts' })
  @ApiResponse({ status: 200, type: DeliveryPageModel })
  deliveries(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('id') id: string,
    @Query() query: ListQueryDto,
  ): Promise<Page<Delivery>> {
    return this.webhooks.deliveries(ctx, team, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a finished delivery again (same webhook-id)' })
  @ApiResponse({ status: 202, type: DeliveryModel })
  redeliver(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<Delivery> {
    return this.webhooks.redeliver(ctx, team, id, deliveryId);
  }
}
