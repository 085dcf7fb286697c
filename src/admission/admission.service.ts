import { Inject, Injectable, Logger } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.module';
import {
  ADMISSION_API_VERSION,
  type AdmissionRequest,
  type AdmissionResponse,
  type AdmissionReview,
  isPodCreation,
  parseAdmissionReview,
  podPatch,
  readPodAsk,
} from '../domain/admission-review';
import { appliedRecordFor, formatApplied } from '../domain/delivery-annotations';
import { DomainError, DomainErrorCode } from '../domain/errors';
import { INCLUDED_SET_NOT_FOUND } from '../domain/include-closure';
import { managedMerge } from '../domain/managed-merge';
import type { Resolution } from '../domain/resolve';
import { Metrics } from '../infra/metrics/metrics';
import { RenderService } from '../render/render.service';

export interface MutateOptions {
  cluster?: string;
  /** Conflicts and unknown sets deny the pod instead of warning. */
  strict?: boolean;
}

type Outcome = 'patched' | 'unchanged' | 'warning' | 'denied';

/** The registry did not answer within the budget. */
class OverBudget extends Error {}

/**
 * SPEC 8.2: a pod asking for sets by annotation gets the three-way merge as a JSON Patch. In the
 * path of every pod creation, so it never fails the pod for what the registry cannot do: slow or
 * unavailable means allowed unchanged, with a warning.
 */
@Injectable()
export class AdmissionService {
  private readonly logger = new Logger('AdmissionService');
  private readonly budgetMs: number;

  constructor(
    private readonly render: RenderService,
    private readonly metrics: Metrics,
    @Inject(CONFIG) config: Config,
  ) {
    this.budgetMs = config.admissionBudgetMs;
  }

  async mutate(actor: Actor, body: unknown, options: MutateOptions): Promise<AdmissionReview> {
    const started = performance.now();
    const request = parseAdmissionReview(body);
    const { response, outcome } = await this.review(actor, request, options);
    if (!request.dryRun) {
      this.metrics.admissionReviews.inc({ result: outcome });
      this.metrics.observeAdmission((performance.now() - started) / 1000);
    }
    return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
  }

  private async review(
    actor: Actor,
    request: AdmissionRequest,
    options: MutateOptions,
  ): Promise<{ response: AdmissionResponse; outcome: Outcome }> {
    const uid = request.uid;
    const allowed = (warnings: string[] = []) => answer(uid, warnings, options.strict);
    if (!isPodCreation(request)) return allowed();
    const ask = readPodAsk(request.object, options.cluster);
    if (ask.kind === 'none') return allowed();
    if (ask.kind === 'invalid') return allowed(ask.warnings);

    let resolution: Resolution;
    try {
      resolution = await this.withinBudget(
        this.render.resolve(actor, { sets: ask.sets, cluster: ask.cluster, onConflict: 'first' }),
      );
    } catch (error) {
      const warning = this.warningFor(error, ask.sets);
      if (warning.soft)
        return { response: { uid, allowed: true, warnings: [warning.text] }, outcome: 'warning' };
      return allowed([warning.text]);
    }

    const desired = resolution.hostAliases;
    const merged = managedMerge({ current: ask.current, placed: ask.previous?.ips ?? [], desired });
    const record = appliedRecordFor(resolution, ask.cluster);
    const warnings = [
      ...resolution.overridden.map(
        (o) =>
          `${o.from} maps "${o.hostname}" to ${o.ip}, ${o.keptFrom} to ${o.keptIp}: ${o.keptIp} is used`,
      ),
      ...merged.conflicts.map(
        (c) =>
          `hand-written hostAlias ${c.handWrittenIp} claims "${c.hostname}", which the registry maps to ${c.ip}`,
      ),
    ];
    const operations = podPatch(ask.current, merged, ask.currentApplied, formatApplied(record));
    const result = answer(uid, warnings, options.strict);
    if (!result.response.allowed) return result;
    result.response.auditAnnotations = { sets: record.sets.join(',') };
    if (operations.length === 0) return result;
    result.response.patchType = 'JSONPatch';
    result.response.patch = Buffer.from(JSON.stringify(operations)).toString('base64');
    return { response: result.response, outcome: warnings.length > 0 ? 'warning' : 'patched' };
  }

  private withinBudget<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OverBudget()), this.budgetMs);
    });
    return Promise.race([work, budget]).finally(() => clearTimeout(timer));
  }

  /**
   * What to tell the API server. `soft` warnings (the registry is slow or down) never deny, even
   * under `strict`: they say nothing about the pod. A set that is not found is named only when the
   * pod named it, so an include of another team's private set stays anonymous.
   */
  private warningFor(error: unknown, asked: string[]): { text: string; soft: boolean } {
    if (error instanceof OverBudget) {
      return {
        text: `hostaliases registry: no answer within ${this.budgetMs} ms; pod admitted without registry hostAliases`,
        soft: true,
      };
    }
    if (error instanceof DomainError && error.code !== DomainErrorCode.UNAVAILABLE) {
      if (error.code === DomainErrorCode.NOT_FOUND) {
        const named = asked.find((ref) => error.message === `alias set "${ref}" not found`);
        const text = named
          ? `hostaliases.registry/sets: alias set "${named}" not found`
          : /^cluster /.test(error.message)
            ? `hostaliases registry: ${error.message}`
            : `hostaliases.registry/sets: ${INCLUDED_SET_NOT_FOUND}`;
        return { text, soft: false };
      }
      return { text: `hostaliases.registry/sets: ${error.message}`, soft: false };
    }
    this.logger.warn(`admission review without the registry: ${(error as Error).message}`);
    return {
      text: 'hostaliases registry unavailable; pod admitted without registry hostAliases',
      soft: true,
    };
  }
}

/** Allowed with warnings, or under `strict` denied when there are any. */
function answer(
  uid: string,
  warnings: string[],
  strict: boolean | undefined,
): { response: AdmissionResponse; outcome: Outcome } {
  if (warnings.length === 0) return { response: { uid, allowed: true }, outcome: 'unchanged' };
  if (strict) {
    const message = `hostaliases registry (strict): ${warnings.join('; ')}`;
    const status = {
      metadata: {},
      status: 'Failure',
      message,
      reason: 'Forbidden',
      code: 403,
    } as const;
    return { response: { uid, allowed: false, status }, outcome: 'denied' };
  }
  return { response: { uid, allowed: true, warnings }, outcome: 'warning' };
}
