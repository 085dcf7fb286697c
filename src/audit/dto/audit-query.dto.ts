import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { ListQueryDto } from '../../common/list-query.dto';
import { IsStorableDate } from '../../common/date-range.validator';

/** Filters of GET /api/v1/audit and the GraphQL `auditEvents` query. */
@ArgsType()
export class AuditQueryDto extends ListQueryDto {
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
  @IsStorableDate()
  since?: Date;

  @Field(() => Date, { nullable: true })
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @Type(() => Date)
  @IsStorableDate()
  until?: Date;
}
