import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

import { TokenRoleEnum } from '../dto/create-token.input';

/** A token as listed: never the secret. */
@ObjectType('ApiToken')
export class TokenModel {
  @Field()
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field()
  @ApiProperty()
  team!: string;

  @Field()
  @ApiProperty({ example: 'ci-pipeline' })
  name!: string;

  @Field(() => TokenRoleEnum)
  @ApiProperty({ enum: TokenRoleEnum })
  role!: TokenRoleEnum;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ nullable: true, type: Date })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ nullable: true, type: Date })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @ApiProperty({ nullable: true, type: Date })
  revokedAt!: Date | null;

  @Field()
  @ApiProperty()
  createdAt!: Date;
}

/** The answer to a token creation: the token as listed, and the only place the secret ever appears. */
@ObjectType('CreatedToken')
export class CreatedTokenModel extends TokenModel {
  @Field({ description: 'The secret: shown once, store it now' })
  @ApiProperty({ example: 'hat_…', description: 'The secret: shown once, store it now' })
  token!: string;
}

@ObjectType('TokenList')
export class TokenListModel {
  @Field(() => [TokenModel])
  @ApiProperty({ type: [TokenModel] })
  items!: TokenModel[];

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  nextCursor!: string | null;
}

@ObjectType('Me')
export class MeModel {
  @Field({ description: '"admin" for the super-user, else "token"' })
  kind!: string;

  @Field(() => String, { nullable: true })
  team!: string | null;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => String, { nullable: true })
  tokenName!: string | null;

  @Field(() => String, { nullable: true })
  tokenId!: string | null;
}
