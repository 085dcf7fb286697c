import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

import { Webhook } from 'standardwebhooks';

import { freePort } from '../../scripts/free-port.cjs';

export interface ReceivedWebhook {
  path: string;
  /** The status the receiver answered with. */
  answered: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed payload, verified with the reference library against the webhook's secret. */
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** What the receiver does with a request: answer with a status, or misbehave. */
export type Behaviour = number | 'hang' | 'close' | 'redirect';

/**
 * A webhook receiver on 127.0.0.1 for tests. Each path can have its own secret (signatures are
 * verified with `standardwebhooks`, the Standard Webhooks reference library: a request that
 * fails verification is recorded in `invalid`) and its own behaviour per request.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly invalid: { path: string; error: string }[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly behaviours = new Map<string, Behaviour[]>();
  private readonly hanging = new Set<() => void>();
  private server?: Server;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port?: number): Promise<void> {
    this.port = port ?? (await freePort());
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const behaviour = this.behaviours.get(path)?.shift() ?? 200;
        if (behaviour === 'hang') {
          this.hanging.add(() => response.destroy());
          return;
        }
        if (behaviour === 'close') {
          request.socket.destroy();
          return;
        }
        this.record(path, behaviour === 'redirect' ? 307 : behaviour, request.headers, body);
        if (behaviour === 'redirect') {
          response.writeHead(307, { location: `${this.url}/elsewhere` }).end();
          return;
        }
        response.writeHead(behaviour).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const release of this.hanging) release();
    this.hanging.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Verifies requests to `path` with this secret. */
  expect(path: string, secret: string): void {
    this.secrets.set(path, secret);
  }

  /** The next requests to `path` are answered like this, in order; then 200. */
  behave(path: string, ...behaviours: Behaviour[]): void {
    this.behaviours.set(path, behaviours);
  }

  /** Every validly signed request to `path`, whatever it was answered. */
  at(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** The requests to `path` answered with a 2xx: the webhooks delivered. */
  delivered(path: string): ReceivedWebhook[] {
    return this.at(path).filter((r) => r.answered >= 200 && r.answered < 300);
  }

  /** Waits until `path` has had at least `count` webhooks delivered. */
  async waitFor(path: string, count: number, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.delivered(path).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `${path} had ${this.delivered(path).length} of ${count} webhooks delivered; invalid: ${JSON.stringify(this.invalid)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.delivered(path);
  }

  private record(path: string, answered: number, headers: IncomingHttpHeaders, body: string): void {
    const secret = this.secrets.get(path);
    try {
      if (!secret) throw new Error('no secret registered for this path');
      const payload = new Webhook(secret).verify(body, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      }) as ReceivedWebhook['payload'];
      this.received.push({ path, answered, headers, body, payload });
    } catch (error) {
      this.invalid.push({ path, error: (error as Error).message });
    }
  }
}
