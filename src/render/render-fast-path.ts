import type { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Authenticator } from '../auth/authenticator';
import {
  RATE_LIMIT_WINDOW_MS,
  rateLimitKey,
  rateLimitTracker,
  THROTTLER_NAME,
} from '../auth/rate-limit';
import { attachActor } from '../auth/request';
import type { RenderCache } from './render-cache';
import { sendRendered } from './render-reply';

const RENDER_GET =
  /^\/api\/v1\/(?:render\/(?:hosts|patch)|alias-sets\/[^/?]+\/[^/?]+\/hosts)(?:\?|$)/;

export interface FastPathDeps {
  cache: RenderCache;
  authenticator: Authenticator;
  throttler: ThrottlerStorage;
  rateLimitPerMinute: number;
}

/**
 * A Fastify `onRequest` hook in front of Nest for the render GETs: an authenticated, rate-limited
 * caller whose exact URL was rendered before (and is still current) gets the cached bytes at once.
 * Everything else (no or bad token, a miss, over the limit) goes on to Nest unchanged, which
 * answers it and fills the cache; so the two paths can never disagree.
 */
export function renderFastPath(deps: FastPathDeps) {
  // Responding early from an async hook means: send, then return the reply.
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    if (request.method !== 'GET' || !RENDER_GET.test(request.url)) return undefined;
    const actor = await deps.authenticator.authenticate(request.headers.authorization);
    if (!actor) return undefined;
    // The guard will not authenticate again on a miss.
    attachActor(request, actor);
    const hit = deps.cache.response(actor, request.url);
    if (!hit) return undefined;
    if (deps.rateLimitPerMinute > 0) {
      const usage = await deps.throttler.increment(
        rateLimitKey(rateLimitTracker(actor, request.ip)),
        RATE_LIMIT_WINDOW_MS,
        deps.rateLimitPerMinute,
        0,
        THROTTLER_NAME,
      );
      // Over the limit: Nest's throttler answers the 429 with its Retry-After.
      if (usage.isBlocked) return undefined;
    }
    return sendRendered(reply, hit, request.headers['if-none-match']);
  };
}
