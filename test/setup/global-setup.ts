import { execFileSync } from 'node:child_process';
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
  const database = await createTestDatabase();
  globalThis.__HOSTALIASES_TEST_DB__ = database;
  process.env.HOSTALIASES_TEST_DATABASE_URL = database.url;
}
