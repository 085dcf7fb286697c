import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('Dependent', { description: 'A set that includes another one, directly or not.' })
export class DependentModel {
  @Field()
  @ApiProperty({ example: 'checkout/app-hosts' })
  set!: string;

  @Field(() => [String], {
    nullable: 'items',
    description:
      'From the dependent down to the set, each including the next; null for a set you may not read.',
  })
  @ApiProperty({
    example: ['checkout/app-hosts', 'payments/partner-hosts', 'platform/base'],
    type: [String],
    description:
      'From the dependent down to the set, each including the next; null for a set you may not read',
  })
  path!: (string | null)[];
}

@ObjectType('Dependents')
export class DependentsModel {
  @Field(() => [DependentModel], { description: 'Nearest first, then by name.' })
  @ApiProperty({ type: [DependentModel] })
  items!: DependentModel[];

  @Field(() => Int, { description: 'Dependents you may not read: counted, not named.' })
  @ApiProperty({ example: 0, description: 'Dependents you may not read: counted, not named' })
  hidden!: number;
}

/** REST: the list shape of every list, in one page. */
export class DependentsPageModel extends DependentsModel {
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page holds all' })
  nextCursor!: null;
}
