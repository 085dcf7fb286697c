import { Webhook as StandardWebhook } from 'standardwebhooks';

import { isDelivered } from '../domain/webhooks';

export interface SendResult {
  startedAt: Date;
  durationMs: number;
  /** Null when no response arrived. */
  statusCode: number | null;
  error: string | null;
  succeeded: boolean;
}

/**
 * Sends one signed attempt (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, signed by the reference library). The response body is never read, only
 * discarded, and redirects are not followed, so a receiver can cost at most one socket and the
 * timeout: it can neither hold the worker nor fill memory.
 */
export async function sendWebhook(input: {
  url: string;
  secret: string;
  messageId: string;
  payload: string;
  timeoutMs: number;
}): Promise<SendResult> {
  const startedAt = new Date();
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let signature: string;
  try {
    signature = new StandardWebhook(input.secret).sign(input.messageId, startedAt, input.payload);
  } catch (error) {
    return failure(startedAt, 0, null, `cannot sign: ${(error as Error).message}`);
  }
  try {
    const response = await fetch(input.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'hostaliases-registry-webhooks/1',
        'webhook-id': input.messageId,
        'webhook-timestamp': String(Math.floor(startedAt.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: input.payload,
    });
    await response.body?.cancel().catch(() => undefined);
    const durationMs = elapsed();
    if (isDelivered(response.status)) {
      return { startedAt, durationMs, statusCode: response.status, error: null, succeeded: true };
    }
    const location = response.headers.get('location');
    const error =
      response.status >= 300 && response.status < 400
        ? `redirect${location ? ` to ${location.slice(0, 200)}` : ''} not followed`
        : `receiver answered ${response.status}`;
    return failure(startedAt, durationMs, response.status, error);
  } catch (error) {
    return failure(startedAt, elapsed(), null, describeFetchError(error, input.timeoutMs));
  }
}

function failure(
  startedAt: Date,
  durationMs: number,
  statusCode: number | null,
  error: string,
): SendResult {
  return { startedAt, durationMs, statusCode, error, succeeded: false };
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no response within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { message?: string; code?: string }) : {};
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `request failed: ${String(detail).slice(0, 300)}`;
}
