import { createServer } from 'node:net';

/** Ports this process has already handed out: each caller starts a server on its own. */
const handedOut = new Set<number>();

/**
 * A port that was free a moment ago on 127.0.0.1 (tests and benchmarks start servers on it), and
 * not one this process handed out before: a port is free again as soon as it is probed, so two
 * calls before either server listens (an embedded PostgreSQL's and the service's) could
 * otherwise get the same one.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port that was not handed out already');
}

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port assigned')),
      );
    });
  });
}
