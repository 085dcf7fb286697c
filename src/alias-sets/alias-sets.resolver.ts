import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { type AliasSetView, toView } from './alias-set';
import { AliasSetsService } from './alias-sets.service';
import { CreateAliasSetInput, UpdateAliasSetInput } from './dto/alias-set.input';
import { AliasSetConnectionModel, AliasSetModel } from './models/alias-set.model';
import { encodeCursor } from '../common/pagination';

@Resolver(() => AliasSetModel)
export class AliasSetsResolver {
  constructor(private readonly sets: AliasSetsService) {}

  @Query(() => AliasSetModel)
  async aliasSet(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
  ): Promise<AliasSetView> {
    return toView(await this.sets.get(ctx.actor, { team, name }));
  }

  @Query(() => AliasSetConnectionModel, { description: 'Readable alias sets, Relay-style.' })
  async aliasSets(
    @RequestContext() ctx: Ctx,
    @Args('team', { nullable: true }) team?: string,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<AliasSetConnectionModel> {
    const page = await this.sets.list(ctx.actor, { team, q: search, limit: first, cursor: after });
    const edges = page.items.map((set) => ({ cursor: encodeCursor(set.id), node: toView(set) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Mutation(() => AliasSetModel)
  async createAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('input') input: CreateAliasSetInput,
  ): Promise<AliasSetView> {
    const { team, name, ...body } = input;
    return toView((await this.sets.create(ctx, { team, name }, body)).set);
  }

  @Mutation(() => AliasSetModel)
  async updateAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('input') input: UpdateAliasSetInput,
  ): Promise<AliasSetView> {
    const { team, name, expectedVersion, ...body } = input;
    return toView((await this.sets.update(ctx, { team, name }, body, expectedVersion)).set);
  }

  @Mutation(() => Boolean)
  async deleteAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
  ): Promise<boolean> {
    await this.sets.delete(ctx, { team, name }, expectedVersion);
    return true;
  }
}
