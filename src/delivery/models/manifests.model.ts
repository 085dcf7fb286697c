import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

import { HostAliasModel } from '../../alias-sets/models/alias-set.model';

@ObjectType('HandWrittenConflict', {
  description: 'A hand-written entry claiming a hostname the registry maps to another address',
})
export class HandWrittenConflictModel {
  @Field()
  @ApiProperty({ example: 'foo.remote' })
  hostname!: string;

  @Field({ description: "The registry's address for the hostname" })
  @ApiProperty({ example: '10.1.2.3' })
  ip!: string;

  @Field({ description: "The hand-written entry's address" })
  @ApiProperty({ example: '192.168.0.9' })
  handWrittenIp!: string;
}

@ObjectType('ManifestItem', {
  description: 'A workload that asks for sets, compared with the registry',
})
export class ManifestItemModel {
  @Field({ description: 'documents[2], or documents[0].items[1] inside a v1 List' })
  @ApiProperty({ example: 'documents[1]' })
  document!: string;

  @Field()
  @ApiProperty({ example: 'Deployment' })
  kind!: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'shop' })
  namespace!: string | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'web' })
  name!: string | null;

  @Field()
  @ApiProperty()
  inSync!: boolean;

  @Field(() => [HostAliasModel], { description: 'Registry entries the workload does not carry' })
  @ApiProperty({ type: [HostAliasModel] })
  missing!: HostAliasModel[];

  @Field(() => [HostAliasModel], {
    description: 'Entries the registry placed and no longer places as they are',
  })
  @ApiProperty({ type: [HostAliasModel] })
  stale!: HostAliasModel[];

  @Field(() => [HostAliasModel], {
    description: 'Hand-written entries on an address the registry places: they give way',
  })
  @ApiProperty({ type: [HostAliasModel] })
  replaced!: HostAliasModel[];

  @Field(() => [HandWrittenConflictModel])
  @ApiProperty({ type: [HandWrittenConflictModel] })
  conflicts!: HandWrittenConflictModel[];
}

@ObjectType('ManifestsCheck')
export class ManifestsCheckModel {
  @Field({ description: 'False when any workload drifts: a CI gate fails on it' })
  @ApiProperty()
  inSync!: boolean;

  @Field(() => [ManifestItemModel])
  @ApiProperty({ type: [ManifestItemModel] })
  items!: ManifestItemModel[];
}

@ObjectType('ManifestsApplied')
export class ManifestsAppliedModel extends ManifestsCheckModel {
  @Field({ description: 'The documents with hostAliases and the applied annotation updated' })
  documents!: string;

  @Field({ description: 'yaml or json, as the documents came in' })
  format!: string;
}
