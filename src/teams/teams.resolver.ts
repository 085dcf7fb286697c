import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { CreateTeamInput } from './dto/create-team.input';
import { TeamModel } from './models/team.model';
import { TeamsService, type TeamView } from './teams.service';

@Resolver(() => TeamModel)
export class TeamsResolver {
  constructor(private readonly service: TeamsService) {}

  @Query(() => [TeamModel], { description: 'Teams visible to the caller (first 500).' })
  async teams(@RequestContext() ctx: Ctx): Promise<TeamView[]> {
    return (await this.service.list(ctx, { limit: 500 })).items;
  }

  @Mutation(() => TeamModel)
  createTeam(@RequestContext() ctx: Ctx, @Args('input') input: CreateTeamInput): Promise<TeamView> {
    return this.service.create(ctx, input);
  }
}
