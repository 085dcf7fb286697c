import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

import { HostAliasModel } from '../../alias-sets/models/alias-set.model';

@ObjectType('OverriddenMapping')
export class OverriddenModel {
  @Field()
  @ApiProperty()
  hostname!: string;

  @Field({ description: 'The address that lost' })
  @ApiProperty()
  ip!: string;

  @Field({ description: 'The set it came from' })
  @ApiProperty({ example: 'payments/partner-hosts' })
  from!: string;

  @Field()
  @ApiProperty()
  keptIp!: string;

  @Field()
  @ApiProperty()
  keptFrom!: string;
}

@ObjectType('Resolution')
export class ResolutionModel {
  @Field(() => [HostAliasModel])
  @ApiProperty({ type: [HostAliasModel] })
  hostAliases!: HostAliasModel[];

  @Field(() => [OverriddenModel])
  @ApiProperty({ type: [OverriddenModel] })
  overridden!: OverriddenModel[];

  @Field(() => [String], { description: 'The sets used, includes expanded, in priority order' })
  @ApiProperty({
    type: [String],
    description: 'The sets used, includes expanded, in priority order',
  })
  sets!: string[];

  @Field(() => [Int], { description: 'The version of each set in `sets`, in the same order' })
  @ApiProperty({
    type: [Number],
    description: 'The version of each set in `sets`, in the same order',
  })
  versions!: number[];
}
