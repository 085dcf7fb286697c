import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

@ObjectType('Team')
export class TeamModel {
  @Field()
  @ApiProperty({ example: 'payments', description: 'DNS-1123 label, unique' })
  slug!: string;

  @Field()
  @ApiProperty({ example: 'Payments platform' })
  name!: string;

  @Field()
  @ApiProperty()
  createdAt!: Date;
}

@ObjectType('TeamList')
export class TeamListModel {
  @ApiProperty({ type: [TeamModel] })
  @Field(() => [TeamModel])
  items!: TeamModel[];

  @ApiProperty({ type: String, nullable: true })
  @Field(() => String, { nullable: true })
  nextCursor!: string | null;
}
