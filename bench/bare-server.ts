/**
 * The ceiling: a bare `node:http` server answering every request with the same bytes the service
 * answers (a rendered hosts file, or an admission review answer; read once at start). Runs as its own process, so it gets a core
 * to itself exactly like the service does; started by run.ts with BARE_PORT and BARE_BODY_FILE.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.env.BARE_BODY_FILE ?? '');
const headers = {
  'content-type': process.env.BARE_CONTENT_TYPE ?? 'text/plain; charset=utf-8',
  'content-length': String(body.length),
  'cache-control': 'no-cache',
};

const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(Number(process.env.BARE_PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
