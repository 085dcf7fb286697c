/**
 * Node and Fastify time limits: no connection or request is held open for as long as a client
 * (or a stuck database) likes. A client trickling its headers or body is dropped once
 * `requestMs` has passed; a request whose handler has not answered in `handlerMs` gets a 503.
 */
export const HTTP_TIMEOUTS = {
  /** Receiving the request headers. */
  headersMs: 10_000,
  /** Receiving the whole request, headers and body. */
  requestMs: 15_000,
  /**
   * How often Node checks the two above (its default, 30 s, would let a trickler stay 45 s), and
   * the service the handler deadline below (request-deadline.ts).
   */
  checkIntervalMs: 1000,
  /** From routing to the response: every request's deadline (then 503 + Retry-After). */
  handlerMs: 20_000,
  /** A keep-alive connection with no request for this long is closed. */
  keepAliveMs: 72_000,
} as const;
