import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { OperationLoaders } from '../common/operation-loaders';
import type { VisibleDependents } from '../domain/dependents';
import { formatSetRef } from '../domain/host-alias';
import { AliasSetDependents } from './alias-set-dependents';
import { AliasSetModel } from './models/alias-set.model';
import { DependentsModel } from './models/dependents.model';

/** `AliasSet.dependents`, batched: a list of sets costs one query, not one per set. */
@Resolver(() => AliasSetModel)
export class AliasSetDependentsResolver {
  private readonly loaders = new OperationLoaders<string, VisibleDependents>();

  constructor(private readonly service: AliasSetDependents) {}

  @ResolveField(() => DependentsModel, {
    description: 'Every set that includes this one, transitively, with the include path.',
  })
  dependents(
    @RequestContext() ctx: Ctx,
    @Context() operation: object,
    @Parent() set: AliasSetModel,
  ): Promise<VisibleDependents> {
    return this.loaders.load(operation, '', formatSetRef(set), (refs) =>
      this.service.listReadable(ctx.actor, refs),
    );
  }
}
