import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { CONNECTION_ARGS, type Page } from '../common/pagination';
import type { RevisionDiff } from '../domain/revision-diff';
import { type Revision, type RevisionSummary, type WriteView, writeView } from './alias-set';
import { AliasSetModel } from './models/alias-set.model';
import { RevisionDiffModel, RevisionModel, RevisionPageModel } from './models/revision.model';
import { RevisionsService } from './revisions.service';

@Resolver()
export class RevisionsResolver {
  constructor(private readonly service: RevisionsService) {}

  @Query(() => RevisionPageModel, { description: 'Versions of a set, newest first.' })
  revisions(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<Page<RevisionSummary>> {
    return this.service.list(
      ctx.actor,
      { team, name },
      { limit: first, cursor: after, names: CONNECTION_ARGS },
    );
  }

  @Query(() => RevisionModel)
  revision(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('version', { type: () => Int }) version: number,
  ): Promise<Revision> {
    return this.service.get(ctx.actor, { team, name }, version);
  }

  @Query(() => RevisionDiffModel)
  aliasSetDiff(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('from', { type: () => Int, nullable: true }) from?: number,
    @Args('to', { type: () => Int, nullable: true }) to?: number,
  ): Promise<RevisionDiff> {
    return this.service.diff(ctx.actor, { team, name }, { from, to });
  }

  @Mutation(() => AliasSetModel)
  async rollbackAliasSet(
    @RequestContext() ctx: Ctx,
    @Args('team') team: string,
    @Args('name') name: string,
    @Args('version', { type: () => Int }) version: number,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion?: number,
    @Args('dryRun', {
      type: () => Boolean,
      nullable: true,
      description: 'Every check of the real call, nothing written; the answer carries `impact`',
    })
    dryRun?: boolean,
  ): Promise<WriteView> {
    const ref = { team, name };
    return writeView(
      await this.service.rollback(ctx, ref, version, expectedVersion, dryRun ?? false),
    );
  }
}
