import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('ImpactMapping', { description: 'A hostname and the IP it resolves to.' })
export class ImpactMappingModel {
  @Field()
  @ApiProperty({ example: 'db.remote' })
  hostname!: string;

  @Field()
  @ApiProperty({ example: '10.1.2.3' })
  ip!: string;
}

@ObjectType('ImpactChange', { description: 'A hostname that would resolve to another IP.' })
export class ImpactChangeModel {
  @Field()
  @ApiProperty({ example: 'db.remote' })
  hostname!: string;

  @Field()
  @ApiProperty({ example: '10.1.2.3' })
  from!: string;

  @Field()
  @ApiProperty({ example: '10.1.2.4' })
  to!: string;
}

@ObjectType('ConflictSource')
export class ConflictSourceModel {
  @Field()
  @ApiProperty({ example: '10.1.2.3' })
  ip!: string;

  @Field({ description: 'The set (`team/name`) mapping the hostname to this IP' })
  @ApiProperty({ example: 'payments/partner-hosts' })
  from!: string;
}

@ObjectType('HostnameConflict')
export class HostnameConflictModel {
  @Field()
  @ApiProperty({ example: 'db.remote' })
  hostname!: string;

  @Field(() => [ConflictSourceModel])
  @ApiProperty({ type: [ConflictSourceModel] })
  sources!: ConflictSourceModel[];
}

@ObjectType('ClusterImpact')
export class ClusterImpactModel {
  @Field(() => String, {
    nullable: true,
    description: 'null: no cluster, and every cluster that no entry involved names',
  })
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null: no cluster, and every cluster that no entry involved names',
  })
  cluster!: string | null;

  @Field(() => [ImpactMappingModel])
  @ApiProperty({ type: [ImpactMappingModel] })
  added!: ImpactMappingModel[];

  @Field(() => [ImpactMappingModel])
  @ApiProperty({ type: [ImpactMappingModel] })
  removed!: ImpactMappingModel[];

  @Field(() => [ImpactChangeModel])
  @ApiProperty({ type: [ImpactChangeModel] })
  changed!: ImpactChangeModel[];

  @Field(() => [HostnameConflictModel], {
    description: 'Conflicts the change would create (onConflict=error would refuse them)',
  })
  @ApiProperty({
    type: [HostnameConflictModel],
    description: 'Conflicts the change would create (onConflict=error would refuse them)',
  })
  conflicts!: HostnameConflictModel[];
}

@ObjectType('SetImpact')
export class SetImpactModel {
  @Field()
  @ApiProperty({ example: 'checkout/app-hosts' })
  set!: string;

  @Field(() => [String], { description: 'Include path down to the changed set' })
  @ApiProperty({
    type: [String],
    example: ['checkout/app-hosts', 'payments/partner-hosts'],
    description: 'Include path down to the changed set',
  })
  path!: string[];

  @Field(() => [ClusterImpactModel], {
    description: 'Only where the resolution changes; empty: it does not',
  })
  @ApiProperty({
    type: [ClusterImpactModel],
    description: 'Only where the resolution changes; empty: it does not',
  })
  clusters!: ClusterImpactModel[];
}

@ObjectType('Impact', { description: 'What a change would do to resolutions (dry runs).' })
export class ImpactModel {
  @Field(() => [SetImpactModel], { description: 'The changed set first, then its dependents' })
  @ApiProperty({
    type: [SetImpactModel],
    description: 'The changed set first, then its dependents',
  })
  sets!: SetImpactModel[];

  @Field(() => Int, { description: 'Dependents whose resolution you may not read: counted' })
  @ApiProperty({ description: 'Dependents whose resolution you may not read: counted' })
  hidden!: number;
}
