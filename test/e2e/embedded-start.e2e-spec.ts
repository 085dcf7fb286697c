import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../../scripts/free-port.cjs';
import { startTestApp, testDatabaseUrl } from '../support/app';

/** PIDs of PostgreSQL servers running on this data directory. */
function postgresOn(dataDir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dataDir}`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

const cleanExit = { code: null, signal: 'SIGTERM' };

/** Nest's start-up chatter (a line per module and route) is not written at the default level. */
const FRAMEWORK_LINE =
  /"context":"(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory|NestApplication|GraphQLModule)"/;

const STOPPED =
  'hostaliases registry stopped on SIGTERM: requests drained, database connections closed';

/** The lines written as plain text (the lifecycle lines), not as JSON log records. */
function plainLines(output: string): string[] {
  return output.split('\n').filter((line) => line && !line.startsWith('{'));
}

/** Shutdown adds exactly one line, and it is the last one written. */
function expectOneShutdownLine(output: string, plainBefore: number): void {
  expect(plainLines(output).slice(plainBefore)).toEqual([STOPPED]);
  expect(output.trimEnd().split('\n').at(-1)).toBe(STOPPED);
}

/** At LOG_LEVEL=info, start-up writes exactly these plain lines, in this order, and no framework line. */
function expectUsefulStartLines(output: string, starts: string[]): void {
  const lines = output.split('\n').filter(Boolean);
  expect(lines.filter((line) => FRAMEWORK_LINE.test(line))).toEqual([]);
  const plain = plainLines(output);
  expect(plain).toHaveLength(starts.length);
  plain.forEach((line, i) => expect(line.startsWith(starts[i] ?? '')).toBe(true));
}

describe('npm start without DATABASE_URL: the embedded PostgreSQL', () => {
  it('keeps data across restarts, creates a local super-user token, and stops everything on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hostaliases-embedded-'));
    await chmod(dir, 0o755);
    const dataDir = join(dir, 'postgres');
    const env = {
      DATABASE_URL: '',
      ADMIN_TOKEN: '',
      EMBEDDED_PG_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };

    const first = await startTestApp(env);
    const tokenFile = join(dir, 'admin-token');
    const token = (await readFile(tokenFile, 'utf8')).trim();
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(first.output()).toContain(`embedded PostgreSQL: data in ${dataDir}`);
    expect(first.output()).toContain(`super-user token (ADMIN_TOKEN) is in ${tokenFile}`);
    expect(first.output()).not.toContain(token);
    expectUsefulStartLines(first.output(), [
      `embedded PostgreSQL: data in ${dataDir}`,
      `super-user token (ADMIN_TOKEN) is in ${tokenFile}`,
      'applied migrations: ',
      'hostaliases registry listening on http://127.0.0.1:',
    ]);
    const auth = `Bearer ${token}`;
    await first
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: 'kept', name: 'Kept' })
      .expect(201);
    await first
      .http()
      .put('/api/v1/alias-sets/kept/example')
      .set('authorization', auth)
      .send({ entries: [{ ip: '10.1.2.3', hostnames: ['foo.remote'] }] })
      .expect(201);
    expect(postgresOn(dataDir)).toHaveLength(1);
    // Nest re-raises the signal once it has shut down, as a well-behaved process does.
    const started = plainLines(first.output()).length;
    expect(await first.close()).toEqual(cleanExit);
    expectOneShutdownLine(first.output(), started);
    expect(postgresOn(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);

    const second = await startTestApp(env);
    try {
      const read = await second
        .http()
        .get('/api/v1/alias-sets/kept/example')
        .set('authorization', auth)
        .expect(200);
      expect(read.body).toMatchObject({
        version: 1,
        entries: [{ ip: '10.1.2.3', hostnames: ['foo.remote'] }],
      });
    } finally {
      expect(await second.close()).toEqual(cleanExit);
    }
    expect(postgresOn(dataDir)).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('start-up and shutdown with DATABASE_URL: the lines an operator needs, nothing else', () => {
  it('names the database (never its password) and the URL, and says one line on SIGTERM', async () => {
    const app = await startTestApp({ LOG_LEVEL: 'info' });
    // The test database is migrated already: no "applied migrations" line.
    expectUsefulStartLines(app.output(), [
      'database: "',
      'hostaliases registry listening on http://127.0.0.1:',
    ]);
    const url = new URL(testDatabaseUrl());
    const database = url.pathname.slice(1);
    expect(app.output()).toContain(
      `database: "${database}" on ${url.hostname}:${url.port || 5432} (DATABASE_URL)\n`,
    );
    if (url.password) expect(app.output()).not.toContain(url.password);
    const started = plainLines(app.output()).length;
    expect(await app.close()).toEqual(cleanExit);
    expectOneShutdownLine(app.output(), started);
  });

  it('shows the framework lines again at LOG_LEVEL=debug', async () => {
    const app = await startTestApp({ LOG_LEVEL: 'debug' });
    try {
      expect(app.output()).toMatch(FRAMEWORK_LINE);
    } finally {
      await app.close();
    }
  });
});

describe('start-up with a bad configuration', () => {
  it.each([
    [
      { PORT: 'http' },
      'configuration error: PORT must be a TCP port between 1 and 65535, got "http"',
    ],
    [{ LOG_LEVEL: 'loud' }, 'configuration error: LOG_LEVEL must be one of'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'configuration error: DATABASE_URL must use postgresql://'],
  ])('stops with exit code 1 and one clear line for %j', (env, line) => {
    const main = join(__dirname, '..', '..', 'dist', 'src', 'main.js');
    const result = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(line)]);
  });
});
