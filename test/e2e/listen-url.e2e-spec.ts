import { Client } from 'pg';

import { startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { uniqueName } from '../support/given';

describe('DATABASE_LISTEN_URL: the change feed on its own connection (for PgBouncer in transaction mode)', () => {
  let t: TestApp;
  const applicationName = uniqueName('hostaliases-listen');

  beforeAll(async () => {
    const listenUrl = new URL(testDatabaseUrl());
    listenUrl.searchParams.set('application_name', applicationName);
    t = await startTestApp({ DATABASE_LISTEN_URL: listenUrl.toString() });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('LISTENs on the connection DATABASE_LISTEN_URL names, and only there', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query<{ query: string }>(
        'SELECT query FROM pg_stat_activity WHERE application_name = $1',
        [applicationName],
      );
      expect(rows.map((row) => row.query)).toEqual(['LISTEN hostaliases_changes']);
    } finally {
      await client.end();
    }
  });
});
