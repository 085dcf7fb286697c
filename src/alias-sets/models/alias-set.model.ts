import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { ImpactModel } from './impact.model';

const EVERY_CLUSTER =
  'Only in these clusters; absent (GraphQL: null) when the entry applies in every cluster';

@ObjectType('HostAlias')
export class HostAliasModel {
  @Field()
  @ApiProperty({ example: '10.1.2.3' })
  ip!: string;

  @Field(() => [String])
  @ApiProperty({ example: ['foo.remote', 'bar.remote'] })
  hostnames!: string[];
}

/**
 * A host alias as a set stores it: optionally limited to some clusters. "Every cluster" has one
 * spelling on both surfaces: no `clusters` (REST leaves the key out, GraphQL answers null), never
 * an empty list; a `[]` sent in is answered that way.
 */
@ObjectType('AliasEntry')
export class AliasEntryModel extends HostAliasModel {
  @Field(() => [String], { nullable: true, description: EVERY_CLUSTER })
  @ApiPropertyOptional({ example: ['eu-prod'], type: [String], description: EVERY_CLUSTER })
  clusters?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'When the entry expires (RFC 3339, UTC); absent: never',
  })
  @ApiPropertyOptional({ example: '2026-12-31T18:00:00.000Z' })
  expiresAt?: string;
}

/** The content of a set at one version: what revisions store. */
@ObjectType('AliasSetSnapshot')
export class AliasSetSnapshotModel {
  @Field()
  @ApiProperty({ example: 'payments' })
  team!: string;

  @Field()
  @ApiProperty({ example: 'partner-hosts' })
  name!: string;

  @Field()
  @ApiProperty()
  description!: string;

  @Field()
  @ApiProperty()
  shared!: boolean;

  @Field(() => [AliasEntryModel])
  @ApiProperty({ type: [AliasEntryModel] })
  entries!: AliasEntryModel[];

  @Field(() => [String])
  @ApiProperty({ example: ['platform/base'] })
  includes!: string[];

  @Field(() => Int)
  @ApiProperty({ example: 1 })
  version!: number;
}

const IMPACT_COMPLEXITY = 100;

@ObjectType('AliasSet')
export class AliasSetModel extends AliasSetSnapshotModel {
  @Field()
  @ApiProperty()
  createdAt!: Date;

  @Field()
  @ApiProperty()
  updatedAt!: Date;

  // Computed by the mutation whatever is selected, and bounded by it: selecting it costs a flat
  // price, not the nested-list estimate (which would refuse any useful selection).
  @Field(() => ImpactModel, {
    nullable: true,
    description: 'Dry runs only: what the change would do to this set and every set including it',
    complexity: () => IMPACT_COMPLEXITY,
  })
  @ApiPropertyOptional({
    type: ImpactModel,
    description: 'Dry runs only: what the change would do to this set and every set including it',
  })
  impact?: ImpactModel;
}

@ObjectType('AliasSetList')
export class AliasSetListModel {
  @ApiProperty({ type: [AliasSetModel] })
  items!: AliasSetModel[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('AliasSetEdge')
export class AliasSetEdgeModel {
  @Field()
  cursor!: string;

  @Field(() => AliasSetModel)
  node!: AliasSetModel;
}

@ObjectType('AliasSetConnection')
export class AliasSetConnectionModel {
  @Field(() => [AliasSetEdgeModel])
  edges!: AliasSetEdgeModel[];

  @Field(() => PageInfoModel)
  pageInfo!: PageInfoModel;
}
