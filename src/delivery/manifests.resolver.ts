import { Args, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ConflictPolicyEnum } from '../render/models/render-enums';
import { ManifestsAppliedModel, ManifestsCheckModel } from './models/manifests.model';
import { type ManifestsCheck, ManifestsService } from './manifests.service';

/** Reads, like their REST twins: queries, not mutations (nothing is written). */
@Resolver()
export class ManifestsResolver {
  constructor(private readonly manifests: ManifestsService) {}

  @Query(() => ManifestsAppliedModel, {
    description: 'The documents with the registry hostAliases merged in (SPEC 8.1).',
  })
  async applyManifests(
    @RequestContext() ctx: Ctx,
    @Args('documents', { description: 'YAML or JSON text' }) documents: string,
    @Args('sets', { type: () => [String], nullable: true }) sets?: string[],
    @Args('cluster', { nullable: true }) cluster?: string,
    @Args('onConflict', { type: () => ConflictPolicyEnum, nullable: true })
    onConflict?: ConflictPolicyEnum,
  ): Promise<ManifestsCheck & { documents: string; format: string }> {
    const request = { body: documents, sets, cluster, onConflict };
    const applied = await this.manifests.apply(ctx.actor, request);
    return { ...applied, documents: applied.body };
  }

  @Query(() => ManifestsCheckModel, {
    description: 'Whether the documents carry what the registry places (SPEC 8.1).',
  })
  checkManifests(
    @RequestContext() ctx: Ctx,
    @Args('documents', { description: 'YAML or JSON text' }) documents: string,
    @Args('sets', { type: () => [String], nullable: true }) sets?: string[],
    @Args('cluster', { nullable: true }) cluster?: string,
    @Args('onConflict', { type: () => ConflictPolicyEnum, nullable: true })
    onConflict?: ConflictPolicyEnum,
  ): Promise<ManifestsCheck> {
    return this.manifests.check(ctx.actor, { body: documents, sets, cluster, onConflict });
  }
}
