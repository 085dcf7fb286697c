import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

import type { Actor } from '../auth/actor';
import type { Authenticator } from '../auth/authenticator';
import type { FixedWindowThrottlerStorage } from '../auth/fixed-window-throttler.storage';
import { RATE_LIMIT_WINDOW_MS, rateLimitKey, rateLimitTracker } from '../auth/rate-limit';
import type { Metrics } from '../infra/metrics/metrics';
import { requestIdOf } from '../infra/http/request-id';
import type { RenderCache } from './render-cache';
import { renderedHead } from './render-reply';

const RENDER_GET =
  /^\/api\/v1\/(?:render\/(hosts|patch)|alias-sets\/[^/?]+\/[^/?]+\/hosts)(?:\?|$)/;

/** The route patterns the request metric names, as Fastify's routes spell them. */
const ROUTES = {
  hosts: '/api/v1/render/hosts',
  patch: '/api/v1/render/patch',
  setHosts: '/api/v1/alias-sets/:team/:name/hosts',
} as const;

export interface FastPathDeps {
  cache: RenderCache;
  authenticator: Authenticator;
  throttler: FixedWindowThrottlerStorage;
  rateLimitPerMinute: number;
  metrics: Metrics;
}

/**
 * Answers a raw request and says so (`true`), or leaves it untouched for Fastify (`false`); a
 * promise of that when it has to wait for a token lookup.
 */
export type RawFastPath = (
  request: IncomingMessage,
  response: ServerResponse,
) => boolean | Promise<boolean>;

/**
 * The render GETs' cache in front of the framework, on the HTTP server itself: an authenticated,
 * rate-limited caller whose exact URL was rendered before (and is still current) gets the cached
 * bytes before Fastify builds a request, synchronously when its token was seen in the last second.
 * The reply is the controller's (`renderedHead`), with the request id and the rate-limit headers,
 * counted in the same request metric under the route's own pattern. Everything else (no or bad
 * token, a miss, over the limit) goes on to Fastify and Nest unchanged, which answer it and fill
 * the cache; so the two paths can never disagree.
 */
export function renderFastPath(deps: FastPathDeps): RawFastPath {
  return (request, response) => {
    if (request.method !== 'GET') return false;
    const url = request.url ?? '';
    const match = RENDER_GET.exec(url);
    if (!match) return false;
    const started = performance.now();
    const answer = (actor: Actor | null | undefined): boolean => {
      if (!actor) return false;
      const hit = deps.cache.response(actor, url);
      if (!hit) return false;
      const limit = deps.rateLimitPerMinute;
      const usage =
        limit > 0
          ? deps.throttler.hit(
              rateLimitKey(rateLimitTracker(actor, () => request.socket.remoteAddress ?? '')),
              RATE_LIMIT_WINDOW_MS,
              limit,
              0,
            )
          : undefined;
      // Over the limit: Nest's throttler answers the 429 with its Retry-After. Its count of this
      // request is a second hit in a window already blocked to its end: no difference.
      if (usage?.isBlocked) return false;
      const { status, headers } = renderedHead(hit, request.headers['if-none-match']);
      // One writeHead with every header: headers set one by one are merged again by writeHead.
      const head: OutgoingHttpHeaders = {
        ...headers,
        'x-request-id': requestIdOf(request.headers),
      };
      if (usage) {
        // The headers @nestjs/throttler's guard sets on the controller's answers.
        head['x-ratelimit-limit'] = limit;
        head['x-ratelimit-remaining'] = Math.max(0, limit - usage.totalHits);
        head['x-ratelimit-reset'] = usage.timeToExpire;
      }
      if (status === 200) {
        head['content-length'] = hit.bytes.length;
        response.writeHead(status, head).end(hit.bytes);
      } else {
        response.writeHead(status, head).end();
      }
      const route =
        match[1] === 'hosts' ? ROUTES.hosts : match[1] === 'patch' ? ROUTES.patch : ROUTES.setHosts;
      deps.metrics.observeRequest('GET', route, status, (performance.now() - started) / 1000);
      return true;
    };
    const header = request.headers.authorization;
    const recent = deps.authenticator.recentAnswer(header);
    return recent ? answer(recent.actor) : deps.authenticator.authenticate(header).then(answer);
  };
}
