import { randomUUID } from 'node:crypto';

import type { IncomingMessage } from 'node:http';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUEST_ID = Symbol('requestId');

type WithRequestId = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * The request's id: a sane client-sent X-Request-ID, otherwise a new UUID. Memoized on the raw
 * request so Fastify (`genReqId`) and the HTTP logger agree on one id.
 */
export function requestIdFor(request: IncomingMessage): string {
  const raw = request as WithRequestId;
  if (raw[REQUEST_ID] !== undefined) return raw[REQUEST_ID];
  const header = request.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  const id = value !== undefined && VALID_REQUEST_ID.test(value) ? value : randomUUID();
  raw[REQUEST_ID] = id;
  return id;
}
