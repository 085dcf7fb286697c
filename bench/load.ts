import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  /** Every response must be exactly this (counted as a mismatch otherwise). */
  expectBody?: string;
  /** Called for each request to set its path and body (writes that vary per request). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
}

export interface LoadResult {
  /** Mean of autocannon's per-second request counts. */
  rps: number;
  total: number;
  /** Latency of 2xx responses in ms, measured here with sub-millisecond resolution. */
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  seconds: number;
}

/**
 * One autocannon run. autocannon's own latency histogram has whole-millisecond buckets, too coarse
 * for a p50 around 1 ms, so response times are also collected here from its `response` events.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  // Without a callback autocannon returns its event emitter, which is also a promise of the result.
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    expectBody: options.expectBody,
    // autocannon refuses `expectBody` next to `requests`, even an undefined one.
    ...(options.setupRequest ? { requests: [{ setupRequest: options.setupRequest }] } : {}),
    // A request that takes 10 s is a failure, not a latency figure.
    timeout: 10,
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
  return {
    rps: result.requests.mean,
    total: result.requests.total,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.at(-1) ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    mismatches: result.mismatches,
    statusCodes,
    seconds: result.duration,
  };
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}
