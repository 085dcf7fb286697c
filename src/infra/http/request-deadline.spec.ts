import Fastify, { type FastifyInstance } from 'fastify';

import { DomainError, DomainErrorCode } from '../../domain/errors';
import { installRequestDeadline } from './request-deadline';

const DEADLINE_MS = 150;
const CHECK_MS = 20;

describe('installRequestDeadline', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify();
    installRequestDeadline(app, DEADLINE_MS, CHECK_MS);
    // The service's error handler is Nest's filter; here, the code of the error it was handed.
    app.setErrorHandler((error, _request, reply) => {
      const code = error instanceof DomainError ? error.code : undefined;
      void reply.status(code === DomainErrorCode.UNAVAILABLE ? 503 : 500).send({ code });
    });
    const slow = (ms: number) => async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { ok: true };
    };
    app.get('/slow', slow(600));
    app.put('/slow', slow(600));
    app.post('/slow', slow(600));
    app.put('/quick', slow(10));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  it.each([
    ['GET', undefined],
    // Fastify's own handlerTimeout left these without a deadline once their body was read.
    ['PUT', '{"entries":[]}'],
    ['POST', '{"query":"{ __typename }"}'],
  ])('answers a %s past its deadline with the UNAVAILABLE error', async (method, body) => {
    const startedAt = Date.now();
    const response = await fetch(`${base}/slow`, {
      method,
      body,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
    });
    const took = Date.now() - startedAt;
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ code: 'UNAVAILABLE' });
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 5);
    expect(took).toBeLessThan(500);
  });

  it('leaves a request answered in time alone, and forgets it', async () => {
    const response = await fetch(`${base}/quick`, {
      method: 'PUT',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    // Past the deadline, nothing is sent for it (the connection stays usable).
    await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS + 3 * CHECK_MS));
    const again = await fetch(`${base}/quick`, {
      method: 'PUT',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(again.status).toBe(200);
  });
});
