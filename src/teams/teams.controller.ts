import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ListQueryDto } from '../common/list-query.dto';
import { CreateTeamInput } from './dto/create-team.input';
import { TeamListModel, TeamModel } from './models/team.model';
import { TeamsService, type TeamView } from './teams.service';
import type { Page } from '../common/pagination';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/v1/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'List teams (a team token sees its own team)' })
  @ApiResponse({ status: 200, type: TeamListModel })
  list(@RequestContext() ctx: Ctx, @Query() query: ListQueryDto): Promise<Page<TeamView>> {
    return this.teams.list(ctx, query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a team (super-user)' })
  @ApiResponse({ status: 201, type: TeamModel })
  create(@RequestContext() ctx: Ctx, @Body() input: CreateTeamInput): Promise<TeamView> {
    return this.teams.create(ctx, input);
  }
}
