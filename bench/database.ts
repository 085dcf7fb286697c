import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { startEmbeddedPostgres } from '../src/infra/database/embedded-postgres';
import { freePort } from '../scripts/free-port.cjs';

export interface BenchDatabase {
  /** The fresh database the service and the seed use. */
  url: string;
  /** `embedded` or the server of BENCH_DATABASE_URL (password hidden). */
  where: string;
  /** The postmaster's pid when we can see it (embedded), for CPU accounting. */
  postmasterPid(): number | undefined;
  version: string;
  /** Drops the database (unless kept) and stops the server if we started it. */
  dispose(): Promise<void>;
}

/**
 * A brand-new database for one run: on BENCH_DATABASE_URL's server when given, otherwise on an
 * embedded PostgreSQL in a temporary directory that is deleted afterwards.
 */
export async function createBenchDatabase(options: {
  serverUrl?: string;
  keep: boolean;
}): Promise<BenchDatabase> {
  let serverUrl = options.serverUrl;
  let stopServer: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  let tempDir: string | undefined;
  if (!serverUrl) {
    tempDir = await mkdtemp(join(tmpdir(), 'hostaliases-bench-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
    await chmod(tempDir, 0o755);
    try {
      const embedded = await startEmbeddedPostgres({
        dataDir: join(tempDir, 'pg'),
        port: await freePort(),
        database: 'postgres',
        persistent: false,
      });
      serverUrl = embedded.url;
      dataDir = embedded.dataDir;
      stopServer = () => embedded.stop();
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
  }
  const name = `hostaliases_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const server = serverUrl;
  const cleanup = async () => {
    if (!options.keep || stopServer) {
      await adminQuery(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    }
    await stopServer?.();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
  try {
    await adminQuery(server, `CREATE DATABASE "${name}"`);
    const version = await adminQuery(server, 'SHOW server_version');
    const hidden = new URL(server);
    hidden.password = hidden.password ? '***' : '';
    return {
      url: withDatabase(server, name),
      where: stopServer ? 'embedded (temporary directory)' : hidden.toString(),
      postmasterPid: () => (dataDir ? readPostmasterPid(dataDir) : undefined),
      version: `PostgreSQL ${version}`,
      dispose: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on its own connection; the first column of the first row, as text. */
export async function adminQuery(url: string, sql: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<Record<string, unknown>>(sql);
    const first = result.rows[0];
    return first ? String(Object.values(first)[0]) : '';
  } finally {
    await client.end();
  }
}
