import type { FastifyReply } from 'fastify';

import { matchesIfNoneMatch } from '../common/etag';

/** Rendered bytes as every render reply carries them. */
export interface Rendered {
  body: string;
  contentType: string;
  etag: string;
}

/** The status and headers of a render reply; the body (for a 200) is the rendered bytes. */
export interface RenderedHead {
  status: 200 | 304;
  headers: Record<string, string>;
}

/**
 * The one definition of a render reply, for the fast path and the controller alike: exact bytes
 * with a strong ETag, revalidated on every use, or 304 when the client already has them.
 */
export function renderedHead(
  rendered: Pick<Rendered, 'etag' | 'contentType'>,
  ifNoneMatch: string | undefined,
): RenderedHead {
  if (matchesIfNoneMatch(ifNoneMatch, rendered.etag)) {
    return { status: 304, headers: { etag: rendered.etag, 'cache-control': 'no-cache' } };
  }
  return {
    status: 200,
    headers: {
      etag: rendered.etag,
      'cache-control': 'no-cache',
      'content-type': rendered.contentType,
    },
  };
}

/** A render reply through Fastify (the controller's path). */
export function sendRendered(
  reply: FastifyReply,
  rendered: Rendered,
  ifNoneMatch: string | undefined,
): FastifyReply {
  const { status, headers } = renderedHead(rendered, ifNoneMatch);
  return reply
    .code(status)
    .headers(headers)
    .send(status === 200 ? rendered.body : undefined);
}
