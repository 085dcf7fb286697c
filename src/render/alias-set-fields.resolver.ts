import { type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  Args,
  Context,
  GraphQLSchemaHost,
  Info,
  Int,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';

import { readAs } from '../alias-sets/alias-set';
import { AliasSetModel } from '../alias-sets/models/alias-set.model';
import { AuditService } from '../audit/audit.service';
import { AuditEventModel } from '../audit/models/audit-event.model';
import type { AuditEvent } from '../audit/audit-event';
import type { RequestContext as Ctx } from '../auth/actor';
import { graphqlRequestContext, RequestContext } from '../auth/request-context.decorator';
import type { AuthenticatedRequest } from '../auth/request';
import { OperationLoaders } from '../common/operation-loaders';
import { pageSize } from '../common/pagination';
import { selectsAnyField } from '../common/graphql-selection';
import { ErrorFilter } from '../infra/http/error.filter';
import { resolveDirectly } from '../infra/http/graphql-direct-fields';
import { formatSetRef, type HostAlias } from '../domain/host-alias';
import { PodInputDto } from './dto/render-query.dto';
import { HostAliasModel } from '../alias-sets/models/alias-set.model';
import { RenderService } from './render.service';

const SNAPSHOT_FIELDS = new Set(['before', 'after']);
/** What Nest's exception filter does for the fields it resolves, for the one resolved directly. */
const errors = new ErrorFilter();

/** Computed fields of `AliasSet`: its resolved aliases, its hosts file, its audit trail. */
@Resolver(() => AliasSetModel)
export class AliasSetFieldsResolver implements OnApplicationBootstrap {
  private readonly auditLoaders = new OperationLoaders<string, AuditEvent[]>();

  constructor(
    private readonly render: RenderService,
    private readonly audit: AuditService,
    private readonly modules: ModuleRef,
  ) {}

  /** `auditEvents` runs once per set of a list: GraphQL calls it directly (see resolveDirectly). */
  onApplicationBootstrap(): void {
    const { schema } = this.modules.get(GraphQLSchemaHost, { strict: false });
    resolveDirectly(
      schema,
      'AliasSet',
      'auditEvents',
      (
        set: AliasSetModel,
        args: { limit: number },
        operation: { req: AuthenticatedRequest },
        info,
      ) => this.auditEvents(graphqlRequestContext(operation), operation, info, set, args.limit),
      (error) => errors.graphqlError(error),
    );
  }

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
   * read only when the selection asks for them; without them, the events of a set read at a
   * version this replica already read them for come from memory (AuditService.latestOfSet), so
   * a list seen again is answered without waiting. `limit` is a page size like any other (1-500).
   */
  @ResolveField(() => [AuditEventModel], { description: 'Changes to this set, newest first.' })
  auditEvents(
    @RequestContext() ctx: Ctx,
    @Context() operation: object,
    @Info() info: GraphQLResolveInfo,
    @Parent() set: AliasSetModel,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 20 }) limit: number,
  ): AuditEvent[] | Promise<AuditEvent[]> {
    const size = pageSize(limit);
    const snapshots = selectsAnyField(info, SNAPSHOT_FIELDS);
    const ref = formatSetRef(set);
    const read = () =>
      this.auditLoaders.load(operation, `${size}:${snapshots}`, ref, (refs) =>
        this.audit.listPerSet(ctx.actor, refs, size, snapshots),
      );
    if (snapshots) return read();
    const row = readAs(set);
    return this.audit.latestOfSet(ctx.actor, row && { ref, ...row }, size, read);
  }
}
