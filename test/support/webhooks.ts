import { ADMIN_TOKEN, type TestApp } from './app';

export interface CreatedWebhook {
  id: string;
  url: string;
  events: string[];
  sets: string[] | null;
  secret: string;
}

/** Creates a webhook of `team` through the API (as the super-user unless a token is given). */
export async function createWebhook(
  t: TestApp,
  team: string,
  body: { url: string; events: string[]; sets?: string[] },
  token = ADMIN_TOKEN,
): Promise<CreatedWebhook> {
  const response = await t
    .http()
    .post(`/api/v1/teams/${team}/webhooks`)
    .set('authorization', `Bearer ${token}`)
    .send(body);
  if (response.status !== 201) {
    throw new Error(`createWebhook failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as CreatedWebhook;
}

export interface DeliveryView {
  id: string;
  type: string;
  set: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: {
    attempt: number;
    statusCode: number | null;
    error: string | null;
    succeeded: boolean;
  }[];
}

export async function deliveriesOf(
  t: TestApp,
  team: string,
  webhookId: string,
): Promise<DeliveryView[]> {
  const response = await t
    .http()
    .get(`/api/v1/teams/${team}/webhooks/${webhookId}/deliveries`)
    .set('authorization', `Bearer ${ADMIN_TOKEN}`)
    .expect(200);
  return (response.body as { items: DeliveryView[] }).items;
}

/** Polls `read` until `done` holds (or 15 s pass), and returns the last value. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
