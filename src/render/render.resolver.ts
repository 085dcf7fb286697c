import { Args, Query, Resolver } from '@nestjs/graphql';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { Resolution } from '../domain/resolve';
import { PodInputDto } from './dto/render-query.dto';
import {
  ConflictPolicyEnum,
  PatchFormatEnum,
  PatchTypeEnum,
  WorkloadKindEnum,
} from './models/render-enums';
import { ResolutionModel } from './models/resolution.model';
import { RenderService } from './render.service';

@Resolver()
export class RenderResolver {
  constructor(private readonly render: RenderService) {}

  @Query(() => ResolutionModel, {
    description: 'Sets resolved into one canonical hostAliases list.',
  })
  resolve(
    @RequestContext() ctx: Ctx,
    @Args('sets', { type: () => [String] }) sets: string[],
    @Args('cluster', { nullable: true }) cluster?: string,
    @Args('onConflict', { type: () => ConflictPolicyEnum, nullable: true })
    onConflict?: ConflictPolicyEnum,
  ): Promise<Resolution> {
    return this.render.resolve(ctx.actor, { sets, cluster, onConflict });
  }

  @Query(() => String, { description: "The pod's /etc/hosts, byte-identical to the kubelet's." })
  async renderHosts(
    @RequestContext() ctx: Ctx,
    @Args('sets', { type: () => [String] }) sets: string[],
    @Args('pod') pod: PodInputDto,
    @Args('cluster', { nullable: true }) cluster?: string,
    @Args('onConflict', { type: () => ConflictPolicyEnum, nullable: true })
    onConflict?: ConflictPolicyEnum,
  ): Promise<string> {
    return (await this.render.hosts(ctx.actor, { sets, cluster, onConflict, pod })).body;
  }

  @Query(() => String, { description: 'A patch for kubectl patch --patch-file.' })
  async renderPatch(
    @RequestContext() ctx: Ctx,
    @Args('sets', { type: () => [String] }) sets: string[],
    @Args('cluster', { nullable: true }) cluster?: string,
    @Args('kind', { type: () => WorkloadKindEnum, defaultValue: WorkloadKindEnum.Deployment })
    kind: WorkloadKindEnum = WorkloadKindEnum.Deployment,
    @Args('type', { type: () => PatchTypeEnum, defaultValue: PatchTypeEnum.strategic })
    type: PatchTypeEnum = PatchTypeEnum.strategic,
    @Args('format', { type: () => PatchFormatEnum, defaultValue: PatchFormatEnum.json })
    format: PatchFormatEnum = PatchFormatEnum.json,
    @Args('onConflict', { type: () => ConflictPolicyEnum, nullable: true })
    onConflict?: ConflictPolicyEnum,
    @Args('applied', {
      nullable: true,
      description: "The object's hostaliases.registry/applied annotation: the patch then converges",
    })
    applied?: string,
  ): Promise<string> {
    const rendered = await this.render.patch(ctx.actor, {
      sets,
      cluster,
      onConflict,
      kind,
      type,
      format,
      applied,
    });
    return rendered.body;
  }
}
