import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Authenticator } from '../auth/authenticator';
import { attachActor } from '../auth/request';
import { hostileInputErrors } from '../domain/hostile-input';
import type { AdmissionService, MutateOptions } from './admission.service';

export const MUTATE_ROUTE = '/api/v1/admission/mutate';

export interface AdmissionFastPathDeps {
  authenticator: Authenticator;
  admission: AdmissionService;
}

/**
 * A `preHandler` of the admission route only (the body is parsed by then): a review with a plain
 * query, from a caller with a valid token, is answered by the same `AdmissionService.mutate` the
 * controller calls, without Nest's guard, pipe and handler pipeline around it (the API server
 * calls this on every pod creation). Anything else (no or bad token, an unusual or invalid
 * query, a body the service refuses) goes on to Nest unchanged, which gives the one error answer.
 */
export function admissionFastPath(deps: AdmissionFastPathDeps) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const options = plainOptions(request.query);
    if (!options || hostileInputErrors(request.body, '').length > 0) return undefined;
    const actor = await deps.authenticator.authenticate(request.headers.authorization);
    if (!actor) return undefined;
    // The guard will not authenticate again if Nest answers after all.
    attachActor(request, actor);
    let review: Awaited<ReturnType<AdmissionService['mutate']>>;
    try {
      review = await deps.admission.mutate(actor, request.body, options);
    } catch {
      return undefined;
    }
    return reply.code(200).send(review);
  };
}

/**
 * The query in the form the controller's `MutateQuery` accepts as is: at most `cluster` (1-63
 * characters) and `strict=true|false`, each once. Any other form is left to Nest's pipes.
 */
function plainOptions(query: unknown): MutateOptions | undefined {
  if (query === null || typeof query !== 'object') return undefined;
  const options: MutateOptions = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'cluster' && typeof value === 'string' && value.length > 0 && value.length <= 63) {
      options.cluster = value;
    } else if (key === 'strict' && (value === 'true' || value === 'false')) {
      options.strict = value === 'true';
    } else {
      return undefined;
    }
  }
  return hostileInputErrors(options, '').length > 0 ? undefined : options;
}
