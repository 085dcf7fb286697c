import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

import { GraphQLJSONObject } from '../../common/graphql-json';
import { IsDns1123Label } from '../../common/k8s-validators';
import { IsStringMap } from '../../common/string-map.validator';

@InputType('CreateClusterInput')
export class CreateClusterInput {
  @Field()
  @ApiProperty({ example: 'eu-prod', description: 'DNS-1123 label, unique' })
  @IsDns1123Label()
  name!: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: 'Production, Frankfurt' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @ApiPropertyOptional({
    example: { region: 'eu-central-1' },
    type: 'object',
    additionalProperties: { type: 'string' },
  })
  @IsOptional()
  @IsObject()
  @IsStringMap()
  labels?: Record<string, string>;
}
