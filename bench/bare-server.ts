/**
 * The ceiling: a bare `node:http` server answering every request with the same bytes the service
 * answers (a rendered hosts file, or an admission review answer; read once at start). Runs as its
 * own process, so it gets a core to itself exactly like the service does; started by run.ts with
 * BARE_PORT and BARE_BODY_FILE. With BARE_FRAMEWORK=fastify the same answer comes from a plain
 * Fastify app with one route instead: the framework's own cost, measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import fastify from 'fastify';

const body = readFileSync(process.env.BARE_BODY_FILE ?? '');
const port = Number(process.env.BARE_PORT);
const headers = {
  'content-type': process.env.BARE_CONTENT_TYPE ?? 'text/plain; charset=utf-8',
  'content-length': String(body.length),
  'cache-control': 'no-cache',
};

function plainNode(): () => Promise<void> {
  const server = createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(body);
  });
  server.listen(port, '127.0.0.1');
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

function plainFastify(): () => Promise<void> {
  const app = fastify();
  app.all('/*', (_request, reply) => reply.headers(headers).send(body));
  void app.listen({ port, host: '127.0.0.1' });
  return () => app.close();
}

const stop = process.env.BARE_FRAMEWORK === 'fastify' ? plainFastify() : plainNode();
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
