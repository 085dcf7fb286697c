import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { parseIfMatch, versionEtag } from '../common/etag';
import type { Page } from '../common/pagination';
import type { VisibleDependents } from '../domain/dependents';
import { ApiDryRun, parseDryRun } from '../common/dry-run';
import { type AliasSetView, toView, type WriteView, writeView } from './alias-set';
import { AliasSetDependents } from './alias-set-dependents';
import { AliasSetsService } from './alias-sets.service';
import { ListAliasSetsQuery } from './dto/alias-set-query.dto';
import { CreateAliasSetInput, PutAliasSetBody } from './dto/alias-set.input';
import { AliasSetListModel, AliasSetModel } from './models/alias-set.model';
import { DependentsPageModel } from './models/dependents.model';

@ApiTags('alias-sets')
@ApiBearerAuth()
@Controller('api/v1/alias-sets')
export class AliasSetsController {
  constructor(
    private readonly sets: AliasSetsService,
    private readonly dependents: AliasSetDependents,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List readable alias sets' })
  @ApiResponse({ status: 200, type: AliasSetListModel })
  async list(
    @RequestContext() ctx: Ctx,
    @Query() query: ListAliasSetsQuery,
  ): Promise<Page<AliasSetView>> {
    const page = await this.sets.list(ctx.actor, query);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an alias set (409 if the name is taken)' })
  @ApiDryRun()
  @ApiResponse({ status: 201, type: AliasSetModel })
  async create(
    @RequestContext() ctx: Ctx,
    @Body() input: CreateAliasSetInput,
    @Query('dryRun') dryRun: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WriteView> {
    const { team, name, ...body } = input;
    const outcome = await this.sets.create(ctx, { team, name }, body, parseDryRun(dryRun));
    if (!outcome.impact) void reply.header('etag', versionEtag(outcome.set.version));
    return writeView(outcome);
  }

  @Get(':team/:name')
  @ApiOperation({ summary: 'Read an alias set; ETag is its version' })
  @ApiResponse({ status: 200, type: AliasSetModel })
  async get(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AliasSetView> {
    const set = await this.sets.get(ctx.actor, { team, name });
    void reply.header('etag', versionEtag(set.version));
    return toView(set);
  }

  @Get(':team/:name/dependents')
  @ApiOperation({
    summary: 'Every set that includes this one, transitively, with the include path',
    description: 'Sets you may not read are counted in `hidden`, never named. One page holds all.',
  })
  @ApiResponse({ status: 200, type: DependentsPageModel })
  async listDependents(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
  ): Promise<VisibleDependents & { nextCursor: null }> {
    return { ...(await this.dependents.list(ctx.actor, { team, name })), nextCursor: null };
  }

  @Put(':team/:name')
  @ApiOperation({ summary: 'Create (201) or replace (200) an alias set; honours If-Match' })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'ETag of the version you last read',
  })
  @ApiResponse({ status: 200, type: AliasSetModel })
  @ApiResponse({ status: 201, type: AliasSetModel })
  @ApiResponse({ status: 412, description: 'The set changed since the version in If-Match' })
  @ApiDryRun()
  async put(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Body() body: PutAliasSetBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Query('dryRun') dryRun: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WriteView> {
    const expected = parseIfMatch(ifMatch);
    const outcome = await this.sets.put(ctx, { team, name }, body, expected, parseDryRun(dryRun));
    void reply.status(outcome.created ? 201 : 200);
    if (!outcome.impact) void reply.header('etag', versionEtag(outcome.set.version));
    return writeView(outcome);
  }

  @Delete(':team/:name')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an alias set (409 while other sets include it); honours If-Match',
    description: 'A dry run answers 200 with the set and its `impact` (a 204 has no body).',
  })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiDryRun()
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 200, type: AliasSetModel, description: 'Dry run: what would go' })
  async delete(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Query('dryRun') dryRun: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WriteView | undefined> {
    const expected = parseIfMatch(ifMatch);
    const outcome = await this.sets.delete(ctx, { team, name }, expected, parseDryRun(dryRun));
    if (!outcome.impact) return undefined;
    void reply.status(200);
    return writeView(outcome);
  }
}
