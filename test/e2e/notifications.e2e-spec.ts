import { Client } from 'pg';

import { createDatabaseOn, type TestDatabase } from '../setup/test-database';
import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createWebhook, deliveriesOf, eventually } from '../support/webhooks';

const admin = `Bearer ${ADMIN_TOKEN}`;
const KNOWN =
  'known events: alias_set.created, alias_set.updated, alias_set.deleted, resolution.changed';

describe('notifications: team webhooks (SPEC 10)', () => {
  let t: TestApp;
  let database: TestDatabase;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    // A database of its own: every service on a database delivers its pending deliveries, and
    // one started by another test file (default timeout, retry and poll settings) must not
    // claim these.
    database = await createDatabaseOn(testDatabaseUrl());
    t = await startTestApp({
      DATABASE_URL: database.url,
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_POLL_MS: '100',
      WEBHOOK_TIMEOUT_MS: '1000',
    });
  });
  afterAll(async () => {
    await t.close();
    await database.dispose();
    await receiver.stop();
  });

  async function tokenOf(team: string, role: string): Promise<string> {
    const response = await t
      .http()
      .post(`/api/v1/teams/${team}/tokens`)
      .set('authorization', admin)
      .send({ name: uniqueName(role), role })
      .expect(201);
    return (response.body as { token: string }).token;
  }

  describe('managing webhooks', () => {
    it('shows the secret once, lists and deletes, and audits each change', async () => {
      const team = await given(t).team();
      const editor = await tokenOf(team, 'editor');
      const created = await createWebhook(
        t,
        team,
        { url: `${receiver.url}/crud`, events: ['alias_set.updated'] },
        editor,
      );
      expect(created).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        team,
        url: `${receiver.url}/crud`,
        events: ['alias_set.updated'],
        sets: null,
        createdAt: expect.any(String),
        secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/=]{44}$/),
      });
      const list = await t
        .http()
        .get(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', `Bearer ${editor}`)
        .expect(200);
      const view: Partial<typeof created> = { ...created };
      delete view.secret;
      expect(list.body).toEqual({ items: [view], nextCursor: null });
      expect(list.text).not.toContain(created.secret);

      await t
        .http()
        .delete(`/api/v1/teams/${team}/webhooks/${created.id}`)
        .set('authorization', `Bearer ${editor}`)
        .expect(200);
      await t
        .http()
        .get(`/api/v1/teams/${team}/webhooks/${created.id}`)
        .set('authorization', `Bearer ${editor}`)
        .expect(404);

      const audit = await t
        .http()
        .get(`/api/v1/audit?team=${team}`)
        .set('authorization', admin)
        .expect(200);
      const actions = (audit.body as { items: { action: string }[] }).items.map((e) => e.action);
      expect(actions.slice(0, 2)).toEqual(['webhook.delete', 'webhook.create']);
      expect(audit.text).not.toContain(created.secret);
    });

    it('stores the secret encrypted when WEBHOOK_SECRET_KEY is set, and still signs with it', async () => {
      // A database of its own: every replica on one database shares one key.
      const keyedDatabase = await createDatabaseOn(testDatabaseUrl());
      const keyed = await startTestApp({
        DATABASE_URL: keyedDatabase.url,
        WEBHOOK_SECRET_KEY: 'an-encryption-key-for-the-e2e-tests-0123456789',
        WEBHOOK_POLL_MS: '100',
      });
      try {
        const team = await given(keyed).team();
        const hook = await createWebhook(keyed, team, {
          url: `${receiver.url}/sealed`,
          events: ['alias_set.created'],
        });
        receiver.expect('/sealed', hook.secret);
        const db = new Client({ connectionString: keyedDatabase.url });
        await db.connect();
        const { rows } = await db
          .query<{ secret: string }>('SELECT secret FROM webhooks WHERE id = $1', [hook.id])
          .finally(() => db.end());
        expect(rows[0].secret).toMatch(/^aes256gcm:/);
        expect(rows[0].secret).not.toContain(hook.secret.slice('whsec_'.length));
        await given(keyed).aliasSet(team, 'sealed', { entries: [] });
        const [received] = await receiver.waitFor('/sealed', 1);
        expect(received.payload.data.set).toBe(`${team}/sealed`);
      } finally {
        await keyed.close();
        await keyedDatabase.dispose();
      }
    });

    it.each([
      ['ftp://example.com/hook', 'must use http or https, not "ftp"'],
      ['https://user:secret@example.com/hook', 'must not contain credentials'],
      [`https://example.com/${'a'.repeat(2040)}`, 'must be at most 2048 characters'],
      ['example.com/hook', 'must be an absolute http or https URL'],
    ])('refuses the url %s with a 400 on url, writing nothing', async (url, message) => {
      const team = await given(t).team();
      const response = await t
        .http()
        .post(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', admin)
        .send({ url, events: ['alias_set.updated'] })
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors).toEqual([
        { field: 'url', message: expect.stringContaining(message) },
      ]);
      const list = await t
        .http()
        .get(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', admin)
        .expect(200);
      expect(list.body.items).toEqual([]);
    });

    it('refuses unknown events with a 400 listing the known ones (REST and GraphQL)', async () => {
      const team = await given(t).team();
      const response = await t
        .http()
        .post(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', admin)
        .send({ url: 'https://example.com', events: ['alias_set.updated', 'push'] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'events[1]', message: `unknown event "push"; ${KNOWN}` },
      ]);
      const gql = await t.graphql(
        `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id } }`,
        { input: { team, url: 'https://example.com', events: ['pull'] } },
      );
      expect(gql.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        errors: [{ field: 'events[0]', message: `unknown event "pull"; ${KNOWN}` }],
      });
      await t
        .http()
        .post(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', admin)
        .send({ url: 'https://example.com', events: ['alias_set.updated'], secret: 'mine' })
        .expect(400);
    });

    it('is for editors and admins of the team only', async () => {
      const team = await given(t).team();
      const other = await given(t).team();
      const body = { url: 'https://example.com/hook', events: ['alias_set.updated'] };
      const reader = await tokenOf(team, 'reader');
      const teamAdmin = await tokenOf(team, 'admin');
      const outsider = await tokenOf(other, 'admin');
      const post = (token: string) =>
        t
          .http()
          .post(`/api/v1/teams/${team}/webhooks`)
          .set('authorization', `Bearer ${token}`)
          .send(body);
      await post(reader).expect(403);
      await post(outsider).expect(404);
      await post(teamAdmin).expect(201);
      await t
        .http()
        .get(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', `Bearer ${reader}`)
        .expect(403);
      await t.http().get(`/api/v1/teams/${team}/webhooks`).expect(401);
      const gql = await t.graphql(
        `query($team: String!) { webhooks(team: $team) { id } }`,
        { team },
        reader,
      );
      expect(gql.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const mine = await t.graphql<{ webhooks: { url: string }[] }>(
        `query($team: String!) { webhooks(team: $team) { url events sets } }`,
        { team },
        teamAdmin,
      );
      expect(mine.data?.webhooks).toEqual([{ url: body.url, events: body.events, sets: null }]);
    });
  });

  describe('delivery', () => {
    it('sends each event type, signed (verified with the standardwebhooks library)', async () => {
      const team = await given(t).team();
      const hook = await createWebhook(t, team, {
        url: `${receiver.url}/all`,
        events: ['alias_set.created', 'alias_set.updated', 'alias_set.deleted'],
      });
      receiver.expect('/all', hook.secret);
      const name = uniqueName('web');
      await given(t).aliasSet(team, name, {
        entries: [{ ip: '10.0.0.1', hostnames: ['a.remote'] }],
      });
      await given(t).aliasSet(team, name, {
        entries: [{ ip: '10.0.0.2', hostnames: ['a.remote'] }],
      });
      await t
        .http()
        .post(`/api/v1/alias-sets/${team}/${name}/rollback`)
        .set('authorization', admin)
        .send({ version: 1 })
        .expect(200);
      await t
        .http()
        .delete(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', admin)
        .set('x-request-id', 'delete-request-1')
        .expect(204);
      const received = await receiver.waitFor('/all', 4);
      const rank = (type: string) => (type === 'alias_set.deleted' ? 1 : 0);
      const sorted = received
        .map((r) => r.payload)
        .sort(
          (x, y) => Number(x.data.version) - Number(y.data.version) || rank(x.type) - rank(y.type),
        );
      expect(sorted.map((p) => [p.type, p.data.version, p.data.previousVersion])).toEqual([
        ['alias_set.created', 1, null],
        ['alias_set.updated', 2, 1],
        ['alias_set.updated', 3, 2],
        ['alias_set.deleted', 3, 3],
      ]);
      expect(sorted[3]).toEqual({
        type: 'alias_set.deleted',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        data: {
          set: `${team}/${name}`,
          version: 3,
          previousVersion: 3,
          actor: { type: 'admin', name: 'admin', team: null },
          requestId: 'delete-request-1',
        },
      });
      for (const r of received) {
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
        expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      }
      expect(receiver.invalid.filter((i) => i.path === '/all')).toEqual([]);
      // The receiver answers before the worker records the attempt: wait for the record.
      const deleted = (d: { type: string; status: string }) =>
        d.type === 'alias_set.deleted' && d.status !== 'pending';
      const log = await eventually(
        () => deliveriesOf(t, team, hook.id),
        (rows) => rows.some(deleted),
      );
      expect(log.map((d) => [d.type, d.status, d.attempts, d.lastStatusCode])).toEqual(
        expect.arrayContaining([['alias_set.deleted', 'succeeded', 1, 200]]),
      );
    });

    it('sends resolution.changed for every set that includes the changed set, transitively', async () => {
      const platform = await given(t).team();
      const shop = await given(t).team();
      const outsider = await given(t).team();
      const shopHook = await createWebhook(t, shop, {
        url: `${receiver.url}/shop`,
        events: ['resolution.changed', 'alias_set.updated'],
      });
      receiver.expect('/shop', shopHook.secret);
      // Another team naming shop's private set learns nothing about it.
      const outsiderHook = await createWebhook(t, outsider, {
        url: `${receiver.url}/outsider`,
        events: ['resolution.changed'],
        sets: [`${shop}/app`],
      });
      receiver.expect('/outsider', outsiderHook.secret);
      await given(t).aliasSet(platform, 'base', {
        shared: true,
        entries: [{ ip: '10.1.0.1', hostnames: ['db.remote'] }],
      });
      await given(t).aliasSet(shop, 'web', {
        shared: true,
        entries: [],
        includes: [`${platform}/base`],
      });
      await given(t).aliasSet(shop, 'app', { entries: [], includes: [`${shop}/web`] });
      await given(t).aliasSet(platform, 'base', {
        shared: true,
        entries: [{ ip: '10.1.0.2', hostnames: ['db.remote'] }],
      });
      // Delivery is at least once (a receiver slower than WEBHOOK_TIMEOUT_MS gets the attempt
      // again, under the same webhook-id): count messages, as a receiver deduplicates them.
      const messages = () =>
        new Map(receiver.delivered('/shop').map((r) => [String(r.headers['webhook-id']), r]));
      await eventually(
        () => Promise.resolve(messages()),
        (byId) => byId.size >= 2,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const byId = messages();
      const payloads = [...byId.values()]
        .map((r) => r.payload)
        .sort((x, y) => String(x.data.set).localeCompare(String(y.data.set)));
      expect(byId.size).toBe(2);
      expect(payloads).toEqual([
        {
          type: 'resolution.changed',
          timestamp: expect.any(String),
          data: {
            set: `${shop}/app`,
            version: 1,
            previousVersion: 1,
            actor: { type: 'admin', name: 'admin', team: null },
            requestId: expect.any(String),
            changed: { set: `${platform}/base`, version: 2, previousVersion: 1 },
          },
        },
        {
          type: 'resolution.changed',
          timestamp: expect.any(String),
          data: expect.objectContaining({
            set: `${shop}/web`,
            changed: { set: `${platform}/base`, version: 2, previousVersion: 1 },
          }),
        },
      ]);
      expect(receiver.at('/outsider')).toEqual([]);
    });

    it('sends nothing for a write that rolled back (forced failure at commit)', async () => {
      const team = await given(t).team();
      const hook = await createWebhook(t, team, {
        url: `${receiver.url}/rollback`,
        events: ['alias_set.created', 'alias_set.updated'],
      });
      receiver.expect('/rollback', hook.secret);
      const marker = uniqueName('force-rollback');
      // A deferred constraint trigger fails the transaction at COMMIT, after every statement of
      // the write (the outbox insert included) has run.
      const db = new Client({ connectionString: database.url });
      await db.connect();
      const fn = `fail_${marker.replace(/-/g, '_')}`;
      await db.query(`CREATE FUNCTION ${fn}() RETURNS trigger AS $$ BEGIN
          IF NEW.snapshot->>'description' = '${marker}' THEN RAISE EXCEPTION 'forced failure'; END IF;
          RETURN NULL; END; $$ LANGUAGE plpgsql`);
      await db.query(`CREATE CONSTRAINT TRIGGER ${fn} AFTER INSERT ON revisions
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
      try {
        const name = uniqueName('doomed');
        const failed = await t
          .http()
          .put(`/api/v1/alias-sets/${team}/${name}`)
          .set('authorization', admin)
          .send({ description: marker, entries: [] });
        expect(failed.status).toBeGreaterThanOrEqual(500);
        await t
          .http()
          .get(`/api/v1/alias-sets/${team}/${name}`)
          .set('authorization', admin)
          .expect(404);
        // A later write is delivered: had the failed one left an event, it would arrive first.
        await given(t).aliasSet(team, uniqueName('fine'), { entries: [] });
        await receiver.waitFor('/rollback', 1);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(receiver.at('/rollback').map((r) => r.payload.data.set)).toEqual([
          expect.stringContaining(`${team}/fine-`),
        ]);
        const events = await db.query(`SELECT 1 FROM webhook_events WHERE set_ref = $1`, [
          `${team}/${name}`,
        ]);
        expect(events.rowCount).toBe(0);
      } finally {
        await db.query(`DROP TRIGGER ${fn} ON revisions`);
        await db.query(`DROP FUNCTION ${fn}()`);
        await db.end();
      }
    });

    it('retries a receiver that fails twice and logs all three attempts', async () => {
      const team = await given(t).team();
      const hook = await createWebhook(t, team, {
        url: `${receiver.url}/flaky`,
        events: ['alias_set.created'],
      });
      receiver.expect('/flaky', hook.secret);
      receiver.behave('/flaky', 500, 503, 200);
      await given(t).aliasSet(team, 'flaky', { entries: [] });
      await receiver.waitFor('/flaky', 1);
      const received = receiver.at('/flaky');
      expect(received.map((r) => r.answered)).toEqual([500, 503, 200]);
      // The same message (same webhook-id) each time, so a receiver can deduplicate.
      expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const [delivery] = await eventually(
        () => deliveriesOf(t, team, hook.id),
        (log) => log[0]?.status === 'succeeded',
      );
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200 });
      expect(delivery.attemptLog.map((a) => [a.attempt, a.statusCode, a.succeeded])).toEqual([
        [1, 500, false],
        [2, 503, false],
        [3, 200, true],
      ]);
      expect(delivery.attemptLog[0].error).toBe('receiver answered 500');

      // Redelivery sends the finished delivery once more.
      const again = await t
        .http()
        .post(`/api/v1/teams/${team}/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`)
        .set('authorization', admin)
        .expect(202);
      expect(again.body).toMatchObject({ id: delivery.id, status: 'pending' });
      await receiver.waitFor('/flaky', 2);
      const [after] = await eventually(
        () => deliveriesOf(t, team, hook.id),
        (log) => log[0]?.status === 'succeeded' && log[0].attempts === 4,
      );
      expect(after.attemptLog.map((a) => a.statusCode)).toEqual([500, 503, 200, 200]);

      // The same log and redelivery over GraphQL.
      const gqlLog = await t.graphql<{
        webhookDeliveries: { items: { status: string; attemptLog: { statusCode: number }[] }[] };
      }>(
        `query($team: String!, $id: String!) { webhookDeliveries(team: $team, id: $id, first: 10) {
           items { status attemptLog { statusCode } } nextCursor } }`,
        { team, id: hook.id },
      );
      expect(gqlLog.data?.webhookDeliveries.items).toEqual([
        {
          status: 'succeeded',
          attemptLog: [500, 503, 200, 200].map((statusCode) => ({ statusCode })),
        },
      ]);
      const redeliver = `mutation($team: String!, $id: String!, $delivery: String!) {
        redeliverWebhookDelivery(team: $team, webhookId: $id, deliveryId: $delivery) { status } }`;
      const gqlAgain = await t.graphql<{ redeliverWebhookDelivery: { status: string } }>(
        redeliver,
        { team, id: hook.id, delivery: delivery.id },
      );
      expect(gqlAgain.data?.redeliverWebhookDelivery).toEqual({ status: 'pending' });
      await receiver.waitFor('/flaky', 3);
      await t
        .http()
        .post(`/api/v1/teams/${team}/webhooks/${hook.id}/deliveries/not-a-delivery/redeliver`)
        .set('authorization', admin)
        .expect(404);
    });

    it('retries receivers that hang, close the connection or redirect, without slowing writes', async () => {
      const team = await given(t).team();
      const paths = ['/hang', '/close', '/redirect'];
      for (const path of paths) {
        const hook = await createWebhook(t, team, {
          url: `${receiver.url}${path}`,
          events: ['alias_set.created'],
          sets: [`${team}/bad`],
        });
        receiver.expect(path, hook.secret);
      }
      receiver.behave('/hang', 'hang', 200);
      receiver.behave('/close', 'close', 200);
      receiver.behave('/redirect', 'redirect', 200);
      const started = Date.now();
      await given(t).aliasSet(team, 'bad', { entries: [] });
      await given(t).aliasSet(team, 'other', { entries: [] });
      // Writes do not wait for receivers: both commit long before the 1 s attempt timeout.
      expect(Date.now() - started).toBeLessThan(900);
      await receiver.waitFor('/hang', 1);
      await receiver.waitFor('/close', 1);
      await receiver.waitFor('/redirect', 1);
      const list = await t
        .http()
        .get(`/api/v1/teams/${team}/webhooks`)
        .set('authorization', admin)
        .expect(200);
      const errors: Record<string, string | null> = {};
      for (const hook of list.body.items as { id: string; url: string }[]) {
        const [delivery] = await eventually(
          () => deliveriesOf(t, team, hook.id),
          (log) => log[0]?.status === 'succeeded',
        );
        expect(delivery.set).toBe(`${team}/bad`);
        errors[new URL(hook.url).pathname] = delivery.attemptLog[0].error;
      }
      expect(errors).toEqual({
        '/hang': 'no response within 1000 ms',
        '/close': expect.stringMatching(/^request failed: /),
        '/redirect': `redirect to ${receiver.url}/elsewhere not followed`,
      });
    });

    it('exports deliveries by result, queue depth and the oldest pending age', async () => {
      const metrics = (await t.http().get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^webhook_delivery_attempts_total\{result="succeeded"\} \d+/m);
      expect(metrics).toMatch(/^webhook_delivery_attempts_total\{result="retrying"\} \d+/m);
      expect(metrics).toMatch(/^webhook_deliveries_pending \d+/m);
      expect(metrics).toMatch(/^webhook_oldest_pending_delivery_seconds [\d.e+-]+/m);
    });
  });
});
