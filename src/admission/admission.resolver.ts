import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';

import type { RequestContext as Ctx } from '../auth/actor';
import { RequestContext } from '../auth/request-context.decorator';
import { AdmissionConfigService } from './admission-config.service';

/** The two configuration documents; the webhook itself is for the API server only (REST). */
@Resolver()
export class AdmissionResolver {
  constructor(private readonly configs: AdmissionConfigService) {}

  @Query(() => String, {
    description: 'The MutatingWebhookConfiguration (YAML) that sends the cluster`s pods here.',
  })
  admissionWebhook(
    @Context('req') request: FastifyRequest,
    @Args('cluster') cluster: string,
    @Args('url', { nullable: true, description: 'Default: https:// + the Host of this request' })
    url?: string,
    @Args('caBundle', { nullable: true }) caBundle?: string,
  ): Promise<string> {
    return this.configs.webhook({ cluster, url, caBundle, host: request.host });
  }

  @Query(() => String, {
    description: 'A MutatingAdmissionPolicy and binding (YAML) injecting the sets, no webhook.',
  })
  admissionPolicy(
    @RequestContext() ctx: Ctx,
    @Args('cluster') cluster: string,
    @Args('sets', { type: () => [String] }) sets: string[],
  ): Promise<string> {
    return this.configs.policy(ctx.actor, cluster, sets);
  }
}
