import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

import { IsDns1123Label } from '../../common/k8s-validators';

@InputType('CreateTeamInput')
export class CreateTeamInput {
  @Field()
  @ApiProperty({ example: 'payments', description: 'DNS-1123 label, unique, immutable' })
  @IsDns1123Label()
  slug!: string;

  @Field()
  @ApiProperty({ example: 'Payments platform' })
  @IsString()
  @Length(1, 200)
  name!: string;
}
