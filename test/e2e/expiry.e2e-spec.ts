import type { Response } from 'supertest';

import { createDatabaseOn, type TestDatabase } from '../setup/test-database';
import { ADMIN_TOKEN, startTestApp, type TestApp, testDatabaseUrl } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(50);
  }
}

interface AuditItem {
  action: string;
  version: number;
  via: string;
  actor: { type: string; name: string };
  after: { entries: { hostnames: string[] }[] };
}

/**
 * SPEC 9: an entry with `expiresAt` leaves every resolution at that instant, with no write; then a
 * background sweep writes the set's next version without it, once, whatever the number of
 * replicas. Each part has a database of its own.
 */
describe('expiring entries', () => {
  const expiringSet = (team: string, name: string, at: number) =>
    given(tTarget).aliasSet(team, name, {
      entries: [
        { ip: '10.0.0.1', hostnames: ['keep.remote'] },
        { ip: '10.0.0.2', hostnames: ['legacy.db'], expiresAt: new Date(at).toISOString() },
      ],
    });
  let tTarget: TestApp;

  describe('resolution, with no sweep at all', () => {
    let database: TestDatabase;
    let t: TestApp;
    let team: string;

    beforeAll(async () => {
      database = await createDatabaseOn(testDatabaseUrl());
      t = await startTestApp({ DATABASE_URL: database.url, EXPIRY_SWEEP_INTERVAL_MS: '0' });
      tTarget = t;
      team = await given(t).team();
    });
    afterAll(async () => {
      await t?.close();
      await database?.dispose();
    });

    it('leaves the entry out of renders and resolutions from its instant on, ETags included', async () => {
      const at = Date.now() + 2000;
      await expiringSet(team, 'migration', at);
      await given(t).aliasSet(team, 'app', { entries: [], includes: [`${team}/migration`] });
      const get = (url: string) => t.http().get(url).set('authorization', auth).expect(200);
      const urls = [
        `/api/v1/render/hosts?sets=${team}/app&podName=web`,
        `/api/v1/alias-sets/${team}/migration/hosts?podName=web`,
        `/api/v1/render/patch?sets=${team}/app`,
        `/api/v1/resolve?sets=${team}/migration`,
      ];
      // Twice each: the second answer comes from the response cache of the fast path.
      const before: Response[] = [];
      for (const url of urls) {
        before.push(await get(url));
        await get(url);
      }
      for (const response of before) expect(response.text).toContain('legacy.db');

      await sleep(Math.max(0, at - Date.now()));
      const after = await Promise.all(urls.map(get));
      after.forEach((response, i) => {
        expect(response.text).not.toContain('legacy.db');
        expect(response.text).toContain('keep.remote');
        if (i < 3) expect(response.headers.etag).not.toBe(before[i].headers.etag);
      });
      expect(
        after[0].text.endsWith('\n# Entries added by HostAliases.\n10.0.0.1\tkeep.remote\n'),
      ).toBe(true);

      // Nobody wrote: the stored set is still version 1, with the entry and its expiry.
      const stored = await get(`/api/v1/alias-sets/${team}/migration`);
      expect(stored.body.version).toBe(1);
      expect(stored.body.entries[1]).toEqual({
        ip: '10.0.0.2',
        hostnames: ['legacy.db'],
        expiresAt: new Date(at).toISOString(),
      });
    });
  });

  describe('the sweep, with two replicas on one database', () => {
    let database: TestDatabase;
    let a: TestApp;
    let b: TestApp;
    let team: string;

    beforeAll(async () => {
      database = await createDatabaseOn(testDatabaseUrl());
      const env = { DATABASE_URL: database.url, EXPIRY_SWEEP_INTERVAL_MS: '150' };
      [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
      tTarget = a;
      team = await given(a).team();
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await database?.dispose();
    });

    it('writes exactly one new version per set, audited once as the system', async () => {
      const at = Date.now() + 2000;
      const names = ['one', 'two', 'three', 'four', 'five'].map((n) => uniqueName(n));
      for (const name of names) await expiringSet(team, name, at);
      const hosts = (app: TestApp) =>
        app
          .http()
          .get(`/api/v1/render/hosts?sets=${names.map((n) => `${team}/${n}`).join(',')}&podName=w`)
          .set('authorization', auth)
          .expect(200);
      expect((await hosts(b)).text).toContain('legacy.db');

      const later = await eventually(
        () => hosts(b),
        (response) => !response.text.includes('legacy.db'),
      );
      expect(later.text).not.toContain('legacy.db');
      expect(Date.now()).toBeGreaterThanOrEqual(at);

      const audit = async (name: string) =>
        (
          await a
            .http()
            .get(`/api/v1/audit?set=${team}/${name}`)
            .set('authorization', auth)
            .expect(200)
        ).body.items as AuditItem[];
      for (const name of names) {
        await eventually(
          () => audit(name),
          (items) => items.some((item) => item.action === 'alias_set.expire'),
        );
      }
      // Many more sweeps of both replicas: nothing more may happen.
      await sleep(1500);
      for (const name of names) {
        const items = await audit(name);
        expect(items.map((item) => [item.action, item.version])).toEqual([
          ['alias_set.expire', 2],
          ['alias_set.create', 1],
        ]);
        expect(items[0]).toMatchObject({
          actor: { type: 'system', name: 'system' },
          via: 'system',
          after: { entries: [{ hostnames: ['keep.remote'] }] },
        });
        const revisions = await b
          .http()
          .get(`/api/v1/alias-sets/${team}/${name}/revisions`)
          .set('authorization', auth)
          .expect(200);
        expect(revisions.body.items.map((r: { version: number; actor: string }) => r)).toEqual([
          expect.objectContaining({ version: 2, actor: 'system' }),
          expect.objectContaining({ version: 1, actor: 'admin' }),
        ]);
      }
    });
  });
});
