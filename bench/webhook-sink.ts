import { createServer } from 'node:http';

import { freePort } from '../scripts/free-port.cjs';

export interface WebhookSink {
  url: string;
  /** Deliveries received so far. */
  received: () => number;
  stop: () => Promise<void>;
}

/** A receiver that answers every webhook with 204 at once, for the writes-with-a-webhook run. */
export async function startWebhookSink(): Promise<WebhookSink> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received: () => received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
