/**
 * The one way to get a port for a server of our own on 127.0.0.1: the tests, the benchmarks and
 * scripts/check-runtime-deps.mjs use it. CommonJS with its types in free-port.d.cts, so that plain
 * node, TypeScript and Jest's module system all load it as it is.
 */
const { createServer } = require('node:net');

/** Ports this process has already handed out: each caller starts a server on its own. */
const handedOut = new Set();

/**
 * A port that was free a moment ago on 127.0.0.1, and not one this process handed out before: a
 * port is free again as soon as it is probed, so two calls before either server listens (an
 * embedded PostgreSQL's and the service's) could otherwise get the same one.
 * @returns {Promise<number>}
 */
async function freePort() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port that was not handed out already');
}

/** @returns {Promise<number>} */
function probePort() {
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

module.exports = { freePort };
