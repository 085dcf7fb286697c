import type { FastifyInstance, FastifyReply } from 'fastify';

import { DomainError, DomainErrorCode } from '../../domain/errors';

/** What a request past its deadline gets (503 with Retry-After, through the one error mapping). */
export function deadlineExceeded(): DomainError {
  return new DomainError(DomainErrorCode.UNAVAILABLE, 'the request took too long; retry later');
}

/**
 * Every request routed by Fastify gets an answer within `deadlineMs` (checked every `checkMs`):
 * past it, `deadlineExceeded()` is sent through Fastify's error handler (Nest's filter), and the
 * handler's own answer, when it comes, is dropped.
 *
 * Not Fastify's `handlerTimeout`: it stops its timer on the raw request's `close` event, which
 * Node emits as soon as a body has been read, so no PUT or POST had a deadline (an open Fastify
 * issue, fastify/fastify#6725), and it aborted each such request's `AbortSignal` then, building a
 * `DOMException` (6 % of an admission review's CPU, 2 % of a write's).
 *
 * One timer for all requests: they are kept in arrival order and all have the same deadline, so
 * a check looks only at the expired ones and the first that is not.
 */
export function installRequestDeadline(
  instance: FastifyInstance,
  deadlineMs: number,
  checkMs: number,
): void {
  const started = new Map<FastifyReply, number>();
  instance.addHook('onRequest', (_request, reply, done) => {
    started.set(reply, Date.now());
    done();
  });
  instance.addHook('onResponse', (_request, reply, done) => {
    started.delete(reply);
    done();
  });
  const check = () => {
    const due = Date.now() - deadlineMs;
    for (const [reply, at] of started) {
      if (at > due) return;
      started.delete(reply);
      // Gone (the client left) or already answering: nothing to send.
      if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) continue;
      void reply.send(deadlineExceeded());
    }
  };
  const timer = setInterval(check, checkMs);
  timer.unref();
  instance.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    done();
  });
}
