import { Body, Controller, HttpCode, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { ManifestsQuery } from './dto/manifests-query.dto';
import { ManifestsCheckModel } from './models/manifests.model';
import { type ManifestsCheck, type ManifestsApplied, ManifestsService } from './manifests.service';

const BODY = {
  description: 'YAML (one or many documents) or JSON (an object or a v1 List)',
  schema: { type: 'string' as const },
};

@ApiTags('manifests')
@ApiBearerAuth()
@Controller('api/v1/manifests')
export class ManifestsController {
  constructor(private readonly manifests: ManifestsService) {}

  @Post('apply')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The same documents with the registry hostAliases merged in (SPEC 8.1)',
    description:
      'Workloads asking for sets (?sets= or their hostaliases.registry/sets annotation) get the three-way merge; everything else comes back byte for byte. Replaced hand-written entries and conflicts under onConflict=first are reported in Warning headers.',
  })
  @ApiConsumes('application/yaml', 'application/json')
  @ApiProduces('application/yaml', 'application/json')
  @ApiBody(BODY)
  async apply(
    @RequestContext() ctx: Ctx,
    @Query() query: ManifestsQuery,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const applied = await this.manifests.apply(ctx.actor, { ...query, body }, reply.raw);
    const warnings = warningsOf(applied);
    if (warnings.length > 0) void reply.header('warning', warnings);
    void reply.status(200).header('content-type', applied.contentType).send(applied.body);
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether the documents carry what the registry places (a CI gate)' })
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody(BODY)
  @ApiResponse({ status: 200, type: ManifestsCheckModel })
  check(
    @RequestContext() ctx: Ctx,
    @Query() query: ManifestsQuery,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ManifestsCheck> {
    return this.manifests.check(ctx.actor, { ...query, body }, reply.raw);
  }
}

const MAX_WARNINGS = 20;

/** RFC 7234 `Warning: 299 - "..."`, as the Kubernetes API server sends them. */
function warningsOf(applied: ManifestsApplied): string[] {
  const texts = applied.items.flatMap((item) => [
    ...item.replaced.map(
      (alias) =>
        `${item.document}: hand-written ${alias.ip} (${alias.hostnames.join(' ')}) replaced by the registry`,
    ),
    ...item.conflicts.map(
      (c) =>
        `${item.document}: "${c.hostname}" is ${c.ip} in the registry but ${c.handWrittenIp} by hand`,
    ),
  ]);
  return texts.slice(0, MAX_WARNINGS).map((text) => `299 - ${JSON.stringify(text)}`);
}
