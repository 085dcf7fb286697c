import type { FastifyReply } from 'fastify';

import { matchesIfNoneMatch } from '../common/etag';

/** Rendered bytes as every render reply carries them. */
export interface Rendered {
  body: string;
  contentType: string;
  etag: string;
}

/**
 * The one place a render reply is written, for the fast path and the controller alike: exact
 * bytes with a strong ETag, revalidated on every use, or 304 when the client already has them.
 */
export function sendRendered(
  reply: FastifyReply,
  rendered: Rendered,
  ifNoneMatch: string | undefined,
): FastifyReply {
  void reply.header('etag', rendered.etag).header('cache-control', 'no-cache');
  if (matchesIfNoneMatch(ifNoneMatch, rendered.etag)) return reply.code(304).send();
  return reply.code(200).header('content-type', rendered.contentType).send(rendered.body);
}
