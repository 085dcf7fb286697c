import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RollbackBody {
  @ApiProperty({ example: 3, description: 'The version whose content becomes the new version' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class DiffQuery {
  @ApiPropertyOptional({ description: 'Older version (default: the one before `to`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  from?: number;

  @ApiPropertyOptional({ description: 'Newer version (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  to?: number;
}
