import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

import { WEBHOOK_EVENTS } from '../../domain/webhooks';

/** A webhook as listed: never its secret. */
@ObjectType('Webhook')
export class WebhookModel {
  @Field()
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field()
  @ApiProperty()
  team!: string;

  @Field()
  @ApiProperty({ example: 'https://ci.example.com/hooks/hostaliases' })
  url!: string;

  @Field(() => [String])
  @ApiProperty({ type: [String], enum: WEBHOOK_EVENTS })
  events!: string[];

  @Field(() => [String], { nullable: true, description: 'Null: every set of the team' })
  @ApiProperty({ type: [String], nullable: true, description: 'null: every set of the team' })
  sets!: string[] | null;

  @Field()
  @ApiProperty()
  createdAt!: Date;
}

/** The answer to a creation: the only place the secret ever appears. */
@ObjectType('CreatedWebhook')
export class CreatedWebhookModel extends WebhookModel {
  @Field({ description: 'The signing secret (whsec_…): shown once, store it now' })
  @ApiProperty({
    example: 'whsec_…',
    description: 'The signing secret: shown once, store it now',
  })
  secret!: string;
}

@ObjectType('WebhookList')
export class WebhookListModel {
  @Field(() => [WebhookModel])
  @ApiProperty({ type: [WebhookModel] })
  items!: WebhookModel[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@ObjectType('WebhookDeliveryAttempt')
export class DeliveryAttemptModel {
  @Field(() => Int)
  @ApiProperty()
  attempt!: number;

  @Field()
  @ApiProperty()
  startedAt!: Date;

  @Field(() => Int)
  @ApiProperty()
  durationMs!: number;

  @Field(() => Int, { nullable: true, description: 'Null: no response (timeout, refused, closed)' })
  @ApiProperty({ type: Number, nullable: true })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;

  @Field()
  @ApiProperty()
  succeeded!: boolean;
}

@ObjectType('WebhookDelivery')
export class DeliveryModel {
  @Field()
  @ApiProperty({
    format: 'uuid',
    description: 'Also the webhook-id header: msg_ + id without dashes',
  })
  id!: string;

  @Field()
  @ApiProperty({ format: 'uuid' })
  webhookId!: string;

  @Field()
  @ApiProperty({ enum: WEBHOOK_EVENTS })
  type!: string;

  @Field()
  @ApiProperty({ example: 'shop/web' })
  set!: string;

  @Field({ description: 'pending, succeeded or failed (gave up after the retry window)' })
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] })
  status!: string;

  @Field(() => Int)
  @ApiProperty()
  attempts!: number;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ type: Date, nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;

  @Field(() => Int, { nullable: true })
  @ApiProperty({ type: Number, nullable: true })
  lastDurationMs!: number | null;

  @Field()
  @ApiProperty()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ type: Date, nullable: true })
  completedAt!: Date | null;

  @Field(() => [DeliveryAttemptModel])
  @ApiProperty({ type: [DeliveryAttemptModel] })
  attemptLog!: DeliveryAttemptModel[];
}

@ObjectType('WebhookDeliveryPage')
export class DeliveryPageModel {
  @Field(() => [DeliveryModel])
  @ApiProperty({ type: [DeliveryModel] })
  items!: DeliveryModel[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
