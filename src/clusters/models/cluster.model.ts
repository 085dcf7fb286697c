import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSONObject } from '../../common/graphql-json';

@ObjectType('Cluster')
export class ClusterModel {
  @Field()
  @ApiProperty({ example: 'eu-prod' })
  name!: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: 'Production, Frankfurt', nullable: true })
  description!: string | null;

  @Field(() => GraphQLJSONObject)
  @ApiProperty({
    example: { region: 'eu-central-1' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  labels!: Record<string, string>;

  @Field()
  @ApiProperty()
  createdAt!: Date;
}

@ObjectType('ClusterList')
export class ClusterListModel {
  @ApiProperty({ type: [ClusterModel] })
  @Field(() => [ClusterModel])
  items!: ClusterModel[];

  @ApiProperty({ type: String, nullable: true })
  @Field(() => String, { nullable: true })
  nextCursor!: string | null;
}
