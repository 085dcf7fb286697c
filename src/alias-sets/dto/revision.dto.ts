import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional } from 'class-validator';

// Versions are checked for being integers only: any integer that names no version of the set
// (0, -1, one past the newest) is a 404, as it is on revisions/{n} and in GraphQL.

export class RollbackBody {
  @ApiProperty({ example: 3, description: 'The version whose content becomes the new version' })
  @IsInt()
  version!: number;
}

export class DiffQuery {
  @ApiPropertyOptional({ description: 'Older version (default: the one before `to`)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  from?: number;

  @ApiPropertyOptional({ description: 'Newer version (default: the current one)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  to?: number;
}
