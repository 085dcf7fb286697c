import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

import { MAX_WEBHOOK_SETS, WEBHOOK_EVENTS } from '../../domain/webhooks';

/**
 * Shapes only: the URL rules and event names are checked by the domain (validateWebhook), so
 * REST and GraphQL report them identically, all at once, and list the known events.
 */
@InputType({ isAbstract: true })
export class CreateWebhookBody {
  @Field()
  @ApiProperty({ example: 'https://ci.example.com/hooks/hostaliases', maxLength: 2048 })
  @IsString()
  @MaxLength(100_000)
  url!: string;

  @Field(() => [String])
  @ApiProperty({ type: [String], enum: WEBHOOK_EVENTS, example: ['resolution.changed'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  events!: string[];

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_WEBHOOK_SETS,
    example: ['shop/web'],
    description:
      "Only these sets (`team/name`; another team's set only while it is shared); absent: every set of the team",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  sets?: string[];
}

/** GraphQL createWebhook. */
@InputType('CreateWebhookInput')
export class CreateWebhookInput extends CreateWebhookBody {
  @Field()
  @IsString()
  team!: string;
}
