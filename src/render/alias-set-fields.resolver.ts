import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';

import { AliasSetModel } from '../alias-sets/models/alias-set.model';
import { AuditService } from '../audit/audit.service';
import { AuditEventModel } from '../audit/models/audit-event.model';
import type { AuditEvent } from '../audit/audit-event';
import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { HostAlias } from '../domain/host-alias';
import { PodInputDto } from './dto/render-query.dto';
import { HostAliasModel } from '../alias-sets/models/alias-set.model';
import { RenderService } from './render.service';

/** Computed fields of `AliasSet`: its resolved aliases, its hosts file, its audit trail. */
@Resolver(() => AliasSetModel)
export class AliasSetFieldsResolver {
  constructor(
    private readonly render: RenderService,
    private readonly audit: AuditService,
  ) {}

  @ResolveField(() => [HostAliasModel], { description: 'This set resolved (with includes).' })
  async hostAliases(
    @RequestContext() ctx: Ctx,
    @Parent() set: AliasSetModel,
    @Args('cluster', { nullable: true }) cluster?: string,
  ): Promise<HostAlias[]> {
    const resolution = await this.render.resolve(ctx.actor, {
      sets: [`${set.team}/${set.name}`],
      cluster,
    });
    return resolution.hostAliases;
  }

  @ResolveField(() => String, { description: 'The hosts file a pod would get from this set.' })
  async hostsFile(
    @RequestContext() ctx: Ctx,
    @Parent() set: AliasSetModel,
    @Args('pod') pod: PodInputDto,
    @Args('cluster', { nullable: true }) cluster?: string,
  ): Promise<string> {
    const rendered = await this.render.hosts(ctx.actor, {
      sets: [`${set.team}/${set.name}`],
      cluster,
      pod,
    });
    return rendered.body;
  }

  @ResolveField(() => [AuditEventModel], { description: 'Changes to this set, newest first.' })
  async auditEvents(
    @RequestContext() ctx: Ctx,
    @Parent() set: AliasSetModel,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 20 }) limit: number,
  ): Promise<AuditEvent[]> {
    const page = await this.audit.list(ctx.actor, { set: `${set.team}/${set.name}`, limit });
    return page.items;
  }
}
