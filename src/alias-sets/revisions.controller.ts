import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { parseIfMatch, versionEtag } from '../common/etag';
import { ListQueryDto } from '../common/list-query.dto';
import type { Page } from '../common/pagination';
import type { RevisionDiff } from '../domain/revision-diff';
import { ApiDryRun, parseDryRun } from '../common/dry-run';
import { type Revision, type RevisionSummary, type WriteView, writeView } from './alias-set';
import { DiffQuery, RollbackBody } from './dto/revision.dto';
import { AliasSetModel } from './models/alias-set.model';
import { RevisionDiffModel, RevisionModel, RevisionPageModel } from './models/revision.model';
import { RevisionsService } from './revisions.service';

const NO_SUCH_VERSION = {
  status: 404,
  description: 'No such set, or the version named does not exist',
};

@ApiTags('alias-sets')
@ApiBearerAuth()
@Controller('api/v1/alias-sets/:team/:name')
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Get('revisions')
  @ApiOperation({ summary: 'Versions of the set, newest first' })
  @ApiResponse({ status: 200, type: RevisionPageModel })
  list(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Query() query: ListQueryDto,
  ): Promise<Page<RevisionSummary>> {
    return this.revisions.list(ctx.actor, { team, name }, query);
  }

  @Get('revisions/:version')
  @ApiOperation({ summary: 'The full snapshot of one version' })
  @ApiResponse({ status: 200, type: RevisionModel })
  @ApiResponse(NO_SUCH_VERSION)
  get(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Param('version', new ParseIntPipe({ errorHttpStatusCode: 404 })) version: number,
  ): Promise<Revision> {
    return this.revisions.get(ctx.actor, { team, name }, version);
  }

  @Get('diff')
  @ApiOperation({ summary: 'Per-hostname changes between two versions' })
  @ApiResponse({ status: 200, type: RevisionDiffModel })
  @ApiResponse(NO_SUCH_VERSION)
  diff(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Query() query: DiffQuery,
  ): Promise<RevisionDiff> {
    return this.revisions.diff(ctx.actor, { team, name }, query);
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a new version equal to an old one; honours If-Match' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiResponse({ status: 200, type: AliasSetModel })
  @ApiResponse(NO_SUCH_VERSION)
  @ApiDryRun()
  async rollback(
    @RequestContext() ctx: Ctx,
    @Param('team') team: string,
    @Param('name') name: string,
    @Body() body: RollbackBody,
    @Headers('if-match') ifMatch: string | undefined,
    @Query('dryRun') dryRun: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WriteView> {
    const ref = { team, name };
    const expected = parseIfMatch(ifMatch);
    const outcome = await this.revisions.rollback(
      ctx,
      ref,
      body.version,
      expected,
      parseDryRun(dryRun),
    );
    if (!outcome.impact) void reply.header('etag', versionEtag(outcome.set.version));
    return writeView(outcome);
  }
}
