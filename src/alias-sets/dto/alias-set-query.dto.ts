import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { IsDns1123Label } from '../../common/k8s-validators';
import { ListQueryDto } from '../../common/list-query.dto';

export class ListAliasSetsQuery extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Only sets of this team' })
  @IsOptional()
  @IsDns1123Label()
  team?: string;

  @ApiPropertyOptional({
    description: 'Text in the name or description, or an exact hostname or IP',
  })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  q?: string;
}
