import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsDns1123Label } from '../../common/k8s-validators';
import type { FieldError } from '../../domain/host-alias';
import { validateAliasSetContent } from '../../domain/validation';
import type { HasDomainRules } from '../../infra/http/field-errors';

const EVERY_CLUSTER =
  'Only in these clusters; absent, null or []: every cluster (answered as absent, GraphQL null)';

/**
 * Shapes only: the Kubernetes rules (IP syntax, hostnames, consistency inside the set) are checked
 * by the domain in the service, so REST and GraphQL report them identically and all at once.
 */
@InputType('AliasEntryInput')
export class AliasEntryInput {
  @Field()
  @ApiProperty({ example: '10.1.2.3' })
  @IsString()
  @MaxLength(100)
  ip!: string;

  @Field(() => [String])
  @ApiProperty({ example: ['foo.remote', 'bar.remote'], type: [String] })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  hostnames!: string[];

  @Field(() => [String], { nullable: true, description: EVERY_CLUSTER })
  @ApiPropertyOptional({ example: ['eu-prod'], type: [String], description: EVERY_CLUSTER })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  clusters?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'RFC 3339, in the future: from then on the entry is left out, then removed',
  })
  @ApiPropertyOptional({
    example: '2026-12-31T18:00:00Z',
    description: 'RFC 3339, in the future: from then on the entry is left out, then removed',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  expiresAt?: string;
}

@InputType({ isAbstract: true })
export class AliasSetBodyInput implements HasDomainRules {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: 'Legacy hosts of the payments partner', default: '' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @Field(() => Boolean, { nullable: true })
  @ApiPropertyOptional({ description: 'Readable by every team', default: false })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;

  @Field(() => [AliasEntryInput])
  @ApiProperty({ type: [AliasEntryInput] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsObject({ each: true, message: 'each entry must be an object { ip, hostnames }' })
  @ValidateNested({ each: true })
  @Type(() => AliasEntryInput)
  entries!: AliasEntryInput[];

  @Field(() => [String], { nullable: true })
  @ApiPropertyOptional({ example: ['platform/base'], type: [String], default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  includes?: string[];

  /** The Kubernetes rules, reported beside shape errors (the service checks them otherwise). */
  domainErrors(): FieldError[] {
    return validateAliasSetContent(this);
  }
}

/** POST /api/v1/alias-sets and GraphQL createAliasSet. */
@InputType('CreateAliasSetInput')
export class CreateAliasSetInput extends AliasSetBodyInput {
  @Field()
  @ApiProperty({ example: 'payments' })
  @IsDns1123Label()
  team!: string;

  @Field()
  @ApiProperty({ example: 'partner-hosts' })
  @IsDns1123Label()
  name!: string;
}

/** GraphQL updateAliasSet: replaces the content of an existing set. */
@InputType('UpdateAliasSetInput')
export class UpdateAliasSetInput extends CreateAliasSetInput {
  @Field(() => Int, { nullable: true, description: 'Fail with PRECONDITION_FAILED unless current' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

/** PUT /api/v1/alias-sets/{team}/{name}: the declarative call pipelines use. */
export class PutAliasSetBody extends AliasSetBodyInput {}
