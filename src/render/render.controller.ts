import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { formatSetRef } from '../domain/host-alias';
import type { Resolution } from '../domain/resolve';
import {
  RenderHostsBody,
  RenderHostsQuery,
  RenderPatchQuery,
  ResolveQuery,
  SetHostsQuery,
} from './dto/render-query.dto';
import { ResolutionModel } from './models/resolution.model';
import { RenderCache, type RenderResult } from './render-cache';
import { sendRendered } from './render-reply';
import { hostsRequestFromQuery, RenderService } from './render.service';

@ApiTags('render')
@ApiBearerAuth()
@Controller('api/v1')
export class RenderController {
  constructor(
    private readonly render: RenderService,
    private readonly cache: RenderCache,
  ) {}

  @Get('resolve')
  @ApiOperation({ summary: 'Resolve sets (with includes) into one canonical hostAliases list' })
  @ApiResponse({ status: 200, type: ResolutionModel })
  resolve(@RequestContext() ctx: Ctx, @Query() query: ResolveQuery): Promise<Resolution> {
    return this.render.resolve(ctx.actor, query);
  }

  @Get('render/hosts')
  @ApiOperation({ summary: "The pod's /etc/hosts, byte-identical to the kubelet's" })
  @ApiProduces('text/plain')
  async hosts(
    @RequestContext() ctx: Ctx,
    @Query() query: RenderHostsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const rendered = await this.render.hosts(ctx.actor, hostsRequestFromQuery(query), 'query');
    this.sendCacheable(ctx, reply, rendered, ifNoneMatch);
  }

  @Post('render/hosts')
  @HttpCode(200)
  @ApiOperation({ summary: 'The same, with the pod in the body (host network: the node file)' })
  @ApiProduces('text/plain')
  async hostsFromBody(
    @RequestContext() ctx: Ctx,
    @Body() body: RenderHostsBody,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendRendered(reply, await this.render.hosts(ctx.actor, body), ifNoneMatch);
  }

  @Get('render/patch')
  @ApiOperation({ summary: 'A patch for kubectl patch --patch-file (strategic, merge or json)' })
  @ApiProduces('application/json', 'application/json-patch+json', 'application/yaml')
  async patch(
    @RequestContext() ctx: Ctx,
    @Query() query: RenderPatchQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const rendered = await this.render.patch(ctx.actor, {
      sets: query.sets,
      cluster: query.cluster,
      onConflict: query.onConflict,
      kind: query.kind ?? 'Deployment',
      type: query.type ?? 'strategic',
      format: query.format ?? 'json',
      applied: query.applied,
    });
    this.sendCacheable(ctx, reply, rendered, ifNoneMatch);
  }

  @Get('alias-sets/:team/:name/hosts')
  @ApiTags('alias-sets')
  @ApiOperation({ summary: 'Shortcut: the hosts file for one set' })
  @ApiProduces('text/plain')
  async setHosts(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Query() query: SetHostsQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const request = hostsRequestFromQuery({ ...query, sets: [formatSetRef({ team, name })] });
    const rendered = await this.render.hosts(ctx.actor, request, 'query');
    this.sendCacheable(ctx, reply, rendered, ifNoneMatch);
  }

  /** A GET's answer also feeds the URL cache that the fast path serves repeats from. */
  private sendCacheable(
    ctx: Ctx,
    reply: FastifyReply,
    rendered: RenderResult,
    ifNoneMatch: string | undefined,
  ): void {
    this.cache.keepResponse(ctx.actor, reply.request.url, rendered);
    sendRendered(reply, rendered, ifNoneMatch);
  }
}
