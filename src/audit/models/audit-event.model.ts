import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql-json';

@ObjectType('AuditActor')
export class AuditActorModel {
  @Field()
  @ApiProperty({ enum: ['admin', 'token', 'system'] })
  type!: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String })
  id!: string | null;

  @Field()
  @ApiProperty()
  name!: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ nullable: true, type: String })
  team!: string | null;
}

@ObjectType('AuditTarget')
export class AuditTargetModel {
  @Field()
  @ApiProperty({ example: 'alias_set' })
  type!: string;

  @Field()
  @ApiProperty({ example: 'payments/partner-hosts' })
  ref!: string;
}

@ObjectType('AuditEvent')
export class AuditEventModel {
  @Field(() => String, { description: 'Monotonic; a bigint, as a string' })
  @ApiProperty({ example: '1042' })
  id!: string;

  @Field()
  @ApiProperty()
  at!: Date;

  @Field(() => AuditActorModel)
  @ApiProperty({ type: AuditActorModel })
  actor!: AuditActorModel;

  @Field()
  @ApiProperty({ example: 'alias_set.update' })
  action!: string;

  @Field(() => AuditTargetModel)
  @ApiProperty({ type: AuditTargetModel })
  target!: AuditTargetModel;

  @Field(() => Int, { nullable: true })
  @ApiProperty({ nullable: true, type: Number })
  version!: number | null;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  after!: unknown;

  @Field()
  @ApiProperty({ enum: ['rest', 'graphql'] })
  via!: string;

  @Field()
  @ApiProperty()
  requestId!: string;
}

@ObjectType('AuditEventPage')
export class AuditEventPageModel {
  @Field(() => [AuditEventModel])
  @ApiProperty({ type: [AuditEventModel] })
  items!: AuditEventModel[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}
