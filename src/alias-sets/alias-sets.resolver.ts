import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { type AliasSetView, readView, type WriteView, writeView } from './alias-set';
import { AliasSetsService } from './alias-sets.service';
import { CreateAliasSetInput, UpdateAliasSetInput } from './dto/alias-set.input';
import { AliasSetConnectionModel, AliasSetModel } from './models/alias-set.model';
import { CONNECTION_ARGS, encodeCursor } from '../common/pagination';

@Resolver(() => AliasSetModel)
export class AliasSetsResolver {
  constructor(private readonly sets: AliasSetsService) {}

  @Query(() => AliasSetModel)
  async aliasSet(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
  ): Promise<AliasSetView> {
    return readView(await this.sets.get(ctx.actor, { team, name }));
  }

  @Query(() => AliasSetConnectionModel, { description: 'Readable alias sets, Relay-style.' })
  async aliasSets(
    @RequestContext() ctx: Ctx,
    @Args('team', { nullable: true }) team?: string,
    @Args('search', { nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<AliasSetConnectionModel> {
    const page = await this.sets.list(ctx.actor, {
      team,
      q: search,
      limit: first,
      cursor: after,
      names: CONNECTION_ARGS,
    });
    const edges = page.items.map((set) => ({ cursor: encodeCursor(set.id), node: readView(set) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.nextCursor !== null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Mutation(() => AliasSetModel)
  async createAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('input') input: CreateAliasSetInput,
    @Args('dryRun', {
      type: () => Boolean,
      nullable: true,
      description: 'Every check of the real call, nothing written; the answer carries `impact`',
    })
    dryRun?: boolean,
  ): Promise<WriteView> {
    const { team, name, ...body } = input;
    return writeView(await this.sets.create(ctx, { team, name }, body, dryRun ?? false));
  }

  @Mutation(() => AliasSetModel)
  async updateAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('input') input: UpdateAliasSetInput,
    @Args('dryRun', {
      type: () => Boolean,
      nullable: true,
      description: 'Every check of the real call, nothing written; the answer carries `impact`',
    })
    dryRun?: boolean,
  ): Promise<WriteView> {
    const { team, name, expectedVersion, ...body } = input;
    const ref = { team, name };
    return writeView(await this.sets.update(ctx, ref, body, expectedVersion, dryRun ?? false));
  }

  @Mutation(() => Boolean, {
    description: 'true once deleted; with dryRun, true when it would be (errors as the real call)',
  })
  async deleteAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
    @Args('dryRun', {
      type: () => Boolean,
      nullable: true,
      description: 'Every check of the real call, nothing written; the answer carries `impact`',
    })
    dryRun?: boolean,
  ): Promise<boolean> {
    await this.sets.delete(ctx, { team, name }, expectedVersion, dryRun ?? false);
    return true;
  }
}
