import { Args, Context, Info, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';

import { AliasSetModel } from '../alias-sets/models/alias-set.model';
import { AuditService } from '../audit/audit.service';
import { AuditEventModel } from '../audit/models/audit-event.model';
import type { AuditEvent } from '../audit/audit-event';
import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { OperationLoaders } from '../common/operation-loaders';
import { selectsAnyField } from '../common/graphql-selection';
import { formatSetRef, type HostAlias } from '../domain/host-alias';
import { PodInputDto } from './dto/render-query.dto';
import { HostAliasModel } from '../alias-sets/models/alias-set.model';
import { RenderService } from './render.service';

const SNAPSHOT_FIELDS = new Set(['before', 'after']);

/** Computed fields of `AliasSet`: its resolved aliases, its hosts file, its audit trail. */
@Resolver(() => AliasSetModel)
export class AliasSetFieldsResolver {
  private readonly auditLoaders = new OperationLoaders<string, AuditEvent[]>();

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
      sets: [formatSetRef(set)],
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
      sets: [formatSetRef(set)],
      cluster,
      pod,
    });
    return rendered.body;
  }

  /**
   * Batched: the sets of a list get their events in one query. The before/after snapshots are
   * read only when the selection asks for them.
   */
  @ResolveField(() => [AuditEventModel], { description: 'Changes to this set, newest first.' })
  auditEvents(
    @RequestContext() ctx: Ctx,
    @Context() operation: object,
    @Info() info: GraphQLResolveInfo,
    @Parent() set: AliasSetModel,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 20 }) limit: number,
  ): Promise<AuditEvent[]> {
    const snapshots = selectsAnyField(info, SNAPSHOT_FIELDS);
    return this.auditLoaders.load(operation, `${limit}:${snapshots}`, formatSetRef(set), (refs) =>
      this.audit.listPerSet(ctx.actor, refs, limit, snapshots),
    );
  }
}
