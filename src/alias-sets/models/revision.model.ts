import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { GraphQLJSON } from '../../common/graphql-json';
import { AliasSetSnapshotModel } from './alias-set.model';

@ObjectType('RevisionSummary')
export class RevisionSummaryModel {
  @Field(() => Int)
  @ApiProperty({ example: 3 })
  version!: number;

  @Field()
  @ApiProperty()
  createdAt!: Date;

  @Field({ description: 'Who made this version' })
  @ApiProperty({ example: 'token:ci@payments' })
  actor!: string;
}

@ObjectType('Revision')
export class RevisionModel extends RevisionSummaryModel {
  @Field(() => AliasSetSnapshotModel)
  @ApiProperty({ type: AliasSetSnapshotModel })
  snapshot!: AliasSetSnapshotModel;
}

@ObjectType('RevisionPage')
export class RevisionPageModel {
  @Field(() => [RevisionSummaryModel])
  @ApiProperty({ type: [RevisionSummaryModel] })
  items!: RevisionSummaryModel[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@ObjectType('HostnameMapping')
export class DiffItemModel {
  @Field()
  @ApiProperty()
  hostname!: string;

  @Field(() => [String], { description: 'Empty: unscoped' })
  @ApiProperty({ type: [String] })
  clusters!: string[];

  @Field()
  @ApiProperty()
  ip!: string;

  @Field(() => String, { nullable: true, description: 'When the entry expires' })
  @ApiPropertyOptional({ description: 'When the entry expires' })
  expiresAt?: string;
}

@ObjectType('HostnameChange')
export class ChangedItemModel {
  @Field()
  @ApiProperty()
  hostname!: string;

  @Field(() => [String])
  @ApiProperty({ type: [String] })
  clusters!: string[];

  @Field()
  @ApiProperty()
  from!: string;

  @Field()
  @ApiProperty()
  to!: string;

  @Field(() => String, { nullable: true, description: 'Expiry before, if it had one' })
  @ApiPropertyOptional({ description: 'Expiry before, if it had one' })
  fromExpiresAt?: string;

  @Field(() => String, { nullable: true, description: 'Expiry after, if it has one' })
  @ApiPropertyOptional({ description: 'Expiry after, if it has one' })
  toExpiresAt?: string;
}

@ObjectType('MetadataChange')
export class MetadataChangeModel {
  @Field()
  @ApiProperty({ enum: ['description', 'shared', 'includes'] })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty()
  from!: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  @ApiProperty()
  to!: unknown;
}

@ObjectType('RevisionDiff')
export class RevisionDiffModel {
  @Field(() => Int)
  @ApiProperty()
  from!: number;

  @Field(() => Int)
  @ApiProperty()
  to!: number;

  @Field(() => [DiffItemModel])
  @ApiProperty({ type: [DiffItemModel] })
  added!: DiffItemModel[];

  @Field(() => [DiffItemModel])
  @ApiProperty({ type: [DiffItemModel] })
  removed!: DiffItemModel[];

  @Field(() => [ChangedItemModel])
  @ApiProperty({ type: [ChangedItemModel] })
  changed!: ChangedItemModel[];

  @Field(() => [MetadataChangeModel])
  @ApiProperty({ type: [MetadataChangeModel] })
  metadata!: MetadataChangeModel[];
}
