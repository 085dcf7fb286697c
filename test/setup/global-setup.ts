import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { createTestDatabase, type TestDatabase } from './test-database';

declare global {
  var __HOSTALIASES_TEST_DB__: TestDatabase | undefined;
}

/**
 * Builds the service and starts (or connects to) PostgreSQL once for the e2e run. The tests then
 * run the built service as a real process, exactly as `npm start` does: NestJS 12 is ESM-only and
 * Jest on Node 20 cannot load ESM from CommonJS, and a real process is the more honest test anyway.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (portalIsStale(root)) {
    execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  }
  const database = await createTestDatabase();
  globalThis.__HOSTALIASES_TEST_DB__ = database;
  process.env.HOSTALIASES_TEST_DATABASE_URL = database.url;
}

/**
 * The portal (web/ -> dist/portal) is rebuilt only when a source of it is newer than the build:
 * it takes a while on a busy machine, and most runs do not touch it.
 */
function portalIsStale(root: string): boolean {
  const built = modified(join(root, 'dist', 'portal', 'index.html'));
  if (built === 0) return true;
  const sources = [join(root, 'schema.graphql'), join(root, 'package-lock.json')];
  return newestIn(join(root, 'web'), sources) > built;
}

function newestIn(dir: string, extra: string[]): number {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.startsWith(join('src', 'gql')))
    .map((file) => join(dir, file));
  return Math.max(...[...files, ...extra].map(modified));
}

function modified(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
