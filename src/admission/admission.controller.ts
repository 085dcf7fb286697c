import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import type { AdmissionReview } from '../domain/admission-review';
import { SetsParam } from '../render/dto/render-query.dto';
import { AdmissionConfigService } from './admission-config.service';
import { AdmissionService } from './admission.service';

export class MutateQuery {
  @ApiPropertyOptional({ example: 'eu-prod', description: 'The cluster the API server belongs to' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  cluster?: string;

  @ApiPropertyOptional({ description: 'Deny pods with conflicts or unknown sets' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  strict?: boolean;
}

export class WebhookQuery {
  @ApiPropertyOptional({
    example: 'https://hostaliases.example.com',
    description: "The registry's base URL as the API server reaches it (default: https:// + Host)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({
    description: 'Base64 of the PEM CA bundle that signed the registry certificate',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64 * 1024)
  caBundle?: string;
}

const YAML = 'application/yaml';

@ApiTags('admission')
@ApiBearerAuth()
@Controller('api/v1')
export class AdmissionController {
  constructor(
    private readonly admission: AdmissionService,
    private readonly configs: AdmissionConfigService,
  ) {}

  /** The API server is the caller: its pace is the cluster's pod creations, not a client's. */
  @Post('admission/mutate')
  @SkipThrottle()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mutating admission webhook (admission.k8s.io/v1 AdmissionReview)' })
  @ApiBody({ schema: { type: 'object', description: 'an admission.k8s.io/v1 AdmissionReview' } })
  mutate(
    @RequestContext() ctx: Ctx,
    @Query() query: MutateQuery,
    @Body() body: unknown,
  ): Promise<AdmissionReview> {
    return this.admission.mutate(ctx.actor, body, query);
  }

  @Get('clusters/:name/admission/webhook')
  @ApiTags('clusters')
  @ApiOperation({ summary: 'The MutatingWebhookConfiguration for the cluster (YAML)' })
  @ApiProduces(YAML)
  async webhook(
    @Param('name') cluster: string,
    @Query() query: WebhookQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const yaml = await this.configs.webhook({ ...query, cluster, host: request.host });
    void reply.status(200).header('content-type', YAML).send(yaml);
  }

  @Get('clusters/:name/admission/policy')
  @ApiTags('clusters')
  @ApiOperation({ summary: 'A MutatingAdmissionPolicy and binding injecting the sets (YAML)' })
  @ApiProduces(YAML)
  async policy(
    @RequestContext() ctx: Ctx,
    @Param('name') cluster: string,
    @Query() query: SetsParam,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const yaml = await this.configs.policy(ctx.actor, cluster, query.sets);
    void reply.status(200).header('content-type', YAML).send(yaml);
  }
}
