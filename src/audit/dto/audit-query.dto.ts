import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

import { DEFAULT_LIMIT, MAX_LIMIT } from '../../common/pagination';

/** Filters of GET /api/v1/audit and the GraphQL `auditEvents` query. */
@ArgsType()
export class AuditQueryDto {
  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ description: 'Team slug the target belongs to' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  team?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ description: 'Alias set as team/name' })
  @IsOptional()
  @IsString()
  @MaxLength(127)
  set?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ description: 'Token id, token name, or "admin"' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ example: 'alias_set.update' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date;

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
