import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { CreateTokenInput } from './dto/create-token.input';
import { CreatedTokenModel, MeModel, TokenModel } from './models/token.model';
import { type CreatedToken, type Me, TokensService, type TokenView } from './tokens.service';

@Resolver()
export class TokensResolver {
  constructor(private readonly service: TokensService) {}

  @Query(() => MeModel, { description: 'Who the caller is.' })
  me(@RequestContext() ctx: Ctx): Me {
    return this.service.me(ctx.actor);
  }

  @Query(() => [TokenModel], { description: "A team's tokens, without secrets." })
  async tokens(@RequestContext() ctx: Ctx, @Args('team') team: string): Promise<TokenView[]> {
    return (await this.service.list(ctx, team)).items;
  }

  @Mutation(() => CreatedTokenModel)
  createToken(
    @RequestContext() ctx: Ctx,
    @Args('input') input: CreateTokenInput,
  ): Promise<CreatedToken> {
    const { team, ...body } = input;
    return this.service.create(ctx, team, body);
  }

  @Mutation(() => TokenModel)
  revokeToken(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('id') id: string,
  ): Promise<TokenView> {
    return this.service.revoke(ctx, team, id);
  }
}
