import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { ClustersService } from '../clusters/clusters.service';
import {
  validateCaBundle,
  validateWebhookBase,
  webhookConfiguration,
} from '../domain/admission-config';
import { admissionPolicy } from '../domain/admission-policy';
import { appliedRecordFor, formatApplied } from '../domain/delivery-annotations';
import { DomainError } from '../domain/errors';
import { RenderService } from '../render/render.service';

export interface WebhookRequest {
  cluster: string;
  /** The registry's base URL as the API server reaches it; default: https:// + this request's host. */
  url?: string;
  caBundle?: string;
  /** The Host the request came to, for the default URL. */
  host: string;
}

/** The YAML a cluster admin applies: the webhook configuration, or the policy without webhook. */
@Injectable()
export class AdmissionConfigService {
  constructor(
    private readonly clusters: ClustersService,
    private readonly render: RenderService,
  ) {}

  async webhook(request: WebhookRequest): Promise<string> {
    const baseUrl = request.url ?? `https://${request.host}`;
    const errors = [
      ...validateWebhookBase(baseUrl),
      ...(request.caBundle === undefined ? [] : validateCaBundle(request.caBundle)),
    ];
    if (errors.length > 0) throw DomainError.invalid(errors, 'invalid webhook parameters');
    await this.clusters.require(request.cluster);
    return webhookConfiguration({ cluster: request.cluster, baseUrl, caBundle: request.caBundle });
  }

  /** The sets resolved for the cluster now (conflicts are a 409, as for any resolution). */
  async policy(actor: Actor, cluster: string, sets: string[]): Promise<string> {
    const resolution = await this.render.resolve(actor, { sets, cluster });
    return admissionPolicy({
      cluster,
      sets,
      hostAliases: resolution.hostAliases,
      applied: formatApplied(appliedRecordFor(resolution, cluster)),
    });
  }
}
