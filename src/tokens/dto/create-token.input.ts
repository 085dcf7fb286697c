import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsStorableDate } from '../../common/date-range.validator';

export enum TokenRoleEnum {
  reader = 'reader',
  editor = 'editor',
  admin = 'admin',
}
registerEnumType(TokenRoleEnum, {
  name: 'TokenRole',
  description: 'reader: read and render; editor: also write own sets; admin: also manage tokens',
});

/** POST /api/v1/teams/{team}/tokens. */
@InputType({ isAbstract: true })
export class CreateTokenBody {
  @Field()
  @ApiProperty({ example: 'ci-pipeline' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[\w.@:-]+$/, { message: 'name may contain letters, digits and _ . @ : - only' })
  name!: string;

  @Field(() => TokenRoleEnum)
  @ApiProperty({ enum: TokenRoleEnum })
  @IsIn(Object.values(TokenRoleEnum))
  role!: TokenRoleEnum;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ description: 'ISO 8601; absent: never expires' })
  @IsOptional()
  @Type(() => Date)
  @IsStorableDate()
  expiresAt?: Date;
}

/** GraphQL createToken. */
@InputType('CreateTokenInput')
export class CreateTokenInput extends CreateTokenBody {
  @Field()
  @IsString()
  team!: string;
}
