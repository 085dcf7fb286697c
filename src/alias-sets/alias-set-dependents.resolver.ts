import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';

import type { Actor, RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { VisibleDependents } from '../domain/dependents';
import { AliasSetDependents } from './alias-set-dependents';
import { AliasSetModel } from './models/alias-set.model';
import { DependentsModel } from './models/dependents.model';

/** `AliasSet.dependents`, batched: a list of sets costs one query, not one per set. */
@Resolver(() => AliasSetModel)
export class AliasSetDependentsResolver {
  /** One loader per GraphQL operation (its context object), gone with it. */
  private readonly loaders = new WeakMap<object, DataLoader<string, VisibleDependents>>();

  constructor(private readonly service: AliasSetDependents) {}

  @ResolveField(() => DependentsModel, {
    description: 'Every set that includes this one, transitively, with the include path.',
  })
  dependents(
    @RequestContext() ctx: Ctx,
    @Context() operation: object,
    @Parent() set: AliasSetModel,
  ): Promise<VisibleDependents> {
    return this.loaderFor(operation, ctx.actor).load(`${set.team}/${set.name}`);
  }

  private loaderFor(operation: object, actor: Actor): DataLoader<string, VisibleDependents> {
    let loader = this.loaders.get(operation);
    if (loader === undefined) {
      loader = new DataLoader((refs) => this.service.listReadable(actor, [...refs]));
      this.loaders.set(operation, loader);
    }
    return loader;
  }
}
