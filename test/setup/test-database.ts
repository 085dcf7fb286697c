import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../src/infra/database/embedded-postgres';
import { migrate } from '../../src/infra/database/migrator';
import { freePort } from '../../scripts/free-port.cjs';

export interface TestDatabase {
  url: string;
  /** Drops the test database and stops the server if we started it. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test run: on TEST_DATABASE_URL's (or DATABASE_URL's) server
 * when given, otherwise on an embedded PostgreSQL started in a temporary directory.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let embedded: EmbeddedDatabase | undefined;
  let dir: string | undefined;
  let serverUrl: string;
  if (given) {
    serverUrl = given;
  } else {
    dir = await mkdtemp(join(tmpdir(), 'hostaliases-test-'));
    // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
    await chmod(dir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.url;
  }
  const database = await createDatabaseOn(serverUrl);
  return {
    url: database.url,
    async dispose() {
      await database.dispose();
      await embedded?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new, migrated database on the server of `serverUrl` (any database URL of that server). Test
 * files that need an empty database of their own (the README test) call it with the shared URL.
 */
export async function createDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `hostaliases_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(serverUrl, name);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  await migrate(url);
  return {
    url,
    async dispose() {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    },
  };
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
