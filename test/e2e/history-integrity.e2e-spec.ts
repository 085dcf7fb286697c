import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('history cannot be rewritten: append-only revisions, kept after delete, a restricted app role', () => {
  const ownerUrl = testDatabaseUrl();
  const login = `app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let appUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    await withClient(ownerUrl, (c) =>
      c.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE hostaliases_app`),
    );
    const url = new URL(ownerUrl);
    url.username = login;
    url.password = password;
    appUrl = url.toString();
    // The service logs in as the restricted role; migrations run as the owner.
    t = await startTestApp({ DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl });
  });
  afterAll(async () => {
    await t?.close();
    await withClient(ownerUrl, (c) => c.query(`DROP ROLE IF EXISTS ${login}`));
  });

  it('serves reads and writes as the restricted role, and keeps revisions and audit after a delete', async () => {
    const team = uniqueName('hist');
    await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: team, name: team })
      .expect(201);
    const body = (host: string) => ({ entries: [{ ip: '10.0.0.1', hostnames: [host] }] });
    await t
      .http()
      .put(`/api/v1/alias-sets/${team}/kept`)
      .set('authorization', auth)
      .send(body('a.example'))
      .expect(201);
    await t
      .http()
      .put(`/api/v1/alias-sets/${team}/kept`)
      .set('authorization', auth)
      .send(body('b.example'))
      .expect(200);
    await t.http().delete(`/api/v1/alias-sets/${team}/kept`).set('authorization', auth).expect(204);

    const kept = await withClient(ownerUrl, (c) =>
      c.query<{ version: number }>(
        `SELECT version FROM revisions WHERE snapshot->>'team' = $1 AND snapshot->>'name' = 'kept' ORDER BY version`,
        [team],
      ),
    );
    expect(kept.rows.map((r) => r.version)).toEqual([1, 2]);
    const audit = await withClient(ownerUrl, (c) =>
      c.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE target_ref = $1 ORDER BY id`,
        [`${team}/kept`],
      ),
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'alias_set.create',
      'alias_set.update',
      'alias_set.delete',
    ]);
  });

  it('refuses to change or erase revisions, even to the owner', async () => {
    await withClient(ownerUrl, async (c) => {
      await expect(c.query(`UPDATE revisions SET actor = 'forged'`)).rejects.toThrow(/append-only/);
      await expect(c.query('DELETE FROM revisions')).rejects.toThrow(/append-only/);
      await expect(c.query('TRUNCATE revisions')).rejects.toThrow(/append-only/);
    });
  });

  it('the app role owns nothing: it cannot disable triggers, alter tables or rewrite history', async () => {
    await withClient(appUrl, async (c) => {
      for (const sql of [
        'ALTER TABLE revisions DISABLE TRIGGER revisions_no_update_delete',
        'ALTER TABLE audit_events DISABLE TRIGGER ALL',
        'ALTER TABLE revisions DROP CONSTRAINT revisions_pkey',
        'DROP TRIGGER audit_events_no_truncate ON audit_events',
      ]) {
        await expect(c.query(sql)).rejects.toThrow(/must be owner/);
      }
      for (const sql of [
        `UPDATE revisions SET actor = 'forged'`,
        'DELETE FROM revisions',
        'TRUNCATE revisions',
        `UPDATE audit_events SET action = 'forged'`,
        'DELETE FROM audit_events',
        'TRUNCATE audit_events',
      ]) {
        await expect(c.query(sql)).rejects.toThrow(/permission denied/);
      }
      const owned = await c.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
      );
      expect(Number(owned.rows[0]?.n)).toBe(0);
    });
  });
});
