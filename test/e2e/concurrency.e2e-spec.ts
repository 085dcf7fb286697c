import { Client } from 'pg';

import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const entry = (i: number) => ({
  ip: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
  hostnames: [`host-${i}.remote`],
});

describe('optimistic concurrency and atomic audit', () => {
  let t: TestApp;
  let team: string;
  let db: Client;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function counts(
    ref: string,
  ): Promise<{ audit: number; revisions: number; versions: number[] }> {
    const [teamSlug, name] = ref.split('/');
    const audit = await db.query(
      'SELECT count(*)::int AS n FROM audit_events WHERE target_ref = $1',
      [ref],
    );
    const revisions = await db.query(
      `SELECT r.version FROM revisions r JOIN alias_sets s ON s.id = r.alias_set_id
         JOIN teams t ON t.id = s.team_id WHERE t.slug = $1 AND s.name = $2 ORDER BY r.version`,
      [teamSlug, name],
    );
    return {
      audit: (audit.rows[0] as { n: number }).n,
      revisions: revisions.rowCount ?? 0,
      versions: revisions.rows.map((r: { version: number }) => r.version),
    };
  }

  it('50 concurrent PUTs with the same If-Match: exactly one wins, 49 get 412', async () => {
    const name = uniqueName('race');
    await given(t).aliasSet(team, name, { entries: [entry(0)] });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .put(`/api/v1/alias-sets/${team}/${name}`)
          .set('authorization', auth)
          .set('if-match', '"1"')
          .send({ entries: [entry(i + 1)] }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 200);
    const current = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    expect(current.body.version).toBe(2);
    expect(current.body.entries).toEqual(winner?.body.entries);
    expect(await counts(`${team}/${name}`)).toEqual({ audit: 2, revisions: 2, versions: [1, 2] });
  });

  it('50 concurrent unconditional PUTs all succeed with versions 1..50 and one audit event each', async () => {
    const name = uniqueName('serial');
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t
          .http()
          .put(`/api/v1/alias-sets/${team}/${name}`)
          .set('authorization', auth)
          .send({ entries: [entry(i)] }),
      ),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const versions = responses
      .map((r) => (r.body as { version: number }).version)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(await counts(`${team}/${name}`)).toEqual({
      audit: 50,
      revisions: 50,
      versions: expected,
    });
  });

  it('20 concurrent creates of one new name: one 201, the others 409 naming the set, one audit event', async () => {
    const name = uniqueName('create');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t
          .http()
          .post('/api/v1/alias-sets')
          .set('authorization', auth)
          .send({ team, name, entries: [entry(i)] }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const lost of responses.filter((r) => r.status === 409)) {
      expect(lost.body.detail).toBe(`alias set "${team}/${name}" already exists`);
    }
    expect(await counts(`${team}/${name}`)).toEqual({ audit: 1, revisions: 1, versions: [1] });
  });

  it('a delete racing new includers: either the delete or the includes win, never both, never a 5xx', async () => {
    for (let round = 0; round < 5; round++) {
      const base = uniqueName('base');
      await given(t).aliasSet(team, base, { entries: [entry(0)] });
      const includers = Array.from({ length: 8 }, () => uniqueName('includer'));
      const [deleted, ...puts] = await Promise.all([
        t.http().delete(`/api/v1/alias-sets/${team}/${base}`).set('authorization', auth),
        ...includers.map((name) =>
          t
            .http()
            .put(`/api/v1/alias-sets/${team}/${name}`)
            .set('authorization', auth)
            .send({ entries: [entry(1)], includes: [`${team}/${base}`] }),
        ),
      ]);
      const written = puts.filter((r) => r.status === 201);
      // 400 when the reference check saw the delete, 404 when it came between that check and
      // the write.
      expect(puts.filter((r) => ![201, 400, 404].includes(r.status))).toEqual([]);
      if (deleted.status === 409) {
        // The delete saw (or, under the lock, waited for) an includer and names them.
        expect(written.length).toBeGreaterThan(0);
        expect(deleted.body.detail).toContain('is included by');
      } else {
        expect(deleted.status).toBe(204);
        expect(written).toEqual([]);
      }
      const rows = await db.query(
        `SELECT count(*)::int AS n FROM alias_set_includes i JOIN alias_sets s
           ON s.id = i.included_set_id JOIN teams t ON t.id = s.team_id
         WHERE t.slug = $1 AND s.name = $2`,
        [team, base],
      );
      expect((rows.rows[0] as { n: number }).n).toBe(written.length);
    }
  });

  it('rolls the change back when the audit insert fails: the set is unchanged', async () => {
    const name = uniqueName('atomic');
    await given(t).aliasSet(team, name, { entries: [entry(1)] });
    const ref = `${team}/${name}`;
    const fn = `fail_audit_${name.replace(/-/g, '_')}`;
    await db.query(`
      CREATE FUNCTION ${fn}() RETURNS trigger AS $$
      BEGIN
        IF NEW.target_ref = '${ref}' THEN RAISE EXCEPTION 'audit store unavailable'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE TRIGGER ${fn} BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION ${fn}();`);
    try {
      const failed = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .send({ entries: [entry(2)] });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ status: 500, detail: 'internal error' });
      expect(JSON.stringify(failed.body)).not.toContain('audit store');
    } finally {
      await db.query(`DROP TRIGGER ${fn} ON audit_events; DROP FUNCTION ${fn}();`);
    }
    const current = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    expect(current.body).toMatchObject({ version: 1, entries: [entry(1)] });
    expect(await counts(ref)).toEqual({ audit: 1, revisions: 1, versions: [1] });
  });

  it('pages the audit log stably while new events arrive', async () => {
    const name = uniqueName('pages');
    for (let i = 0; i < 5; i++) await given(t).aliasSet(team, name, { entries: [entry(i)] });
    const ref = `${team}/${name}`;
    const first = await t
      .http()
      .get(`/api/v1/audit?set=${ref}&limit=2`)
      .set('authorization', auth)
      .expect(200);
    expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([5, 4]);
    // Three more writes land between page 1 and page 2.
    for (let i = 5; i < 8; i++) await given(t).aliasSet(team, name, { entries: [entry(i)] });
    const second = await t
      .http()
      .get(`/api/v1/audit?set=${ref}&limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', auth)
      .expect(200);
    expect(second.body.items.map((e: { version: number }) => e.version)).toEqual([3, 2]);
    const third = await t
      .http()
      .get(`/api/v1/audit?set=${ref}&limit=2&cursor=${second.body.nextCursor}`)
      .set('authorization', auth)
      .expect(200);
    expect(third.body.items.map((e: { version: number }) => e.version)).toEqual([1]);
    expect(third.body.nextCursor).toBeNull();
  });

  it('filters the audit log by team, action, actor and time, over REST and GraphQL', async () => {
    const own = await given(t).team();
    const name = uniqueName('filtered');
    const since = new Date(Date.now() - 1000).toISOString();
    await given(t).aliasSet(own, name, { entries: [entry(1)] });
    await given(t).aliasSet(own, name, { entries: [entry(2)] });
    const byTeam = await t
      .http()
      .get(`/api/v1/audit?team=${own}`)
      .set('authorization', auth)
      .expect(200);
    expect(byTeam.body.items.map((e: { action: string }) => e.action)).toEqual([
      'alias_set.update',
      'alias_set.create',
      'team.create',
    ]);
    const byAction = await t
      .http()
      .get(`/api/v1/audit?team=${own}&action=alias_set.create&actor=admin&since=${since}`)
      .set('authorization', auth)
      .expect(200);
    expect(byAction.body.items).toHaveLength(1);
    expect(byAction.body.items[0]).toMatchObject({
      actor: { type: 'admin', name: 'admin', id: null, team: null },
      target: { type: 'alias_set', ref: `${own}/${name}` },
      via: 'rest',
    });
    expect(byAction.body.items[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
    const future = await t
      .http()
      .get(`/api/v1/audit?team=${own}&since=${new Date(Date.now() + 60_000).toISOString()}`)
      .set('authorization', auth)
      .expect(200);
    expect(future.body.items).toEqual([]);
    // `until` is exclusive: up to the create event's own time leaves it (and the update) out.
    const createdAt = byTeam.body.items[1].at as string;
    const untilCreate = await t
      .http()
      .get(`/api/v1/audit?team=${own}&until=${createdAt}`)
      .set('authorization', auth)
      .expect(200);
    const actionsBefore = untilCreate.body.items.map((e: { action: string }) => e.action);
    expect(actionsBefore).not.toContain('alias_set.create');
    expect(actionsBefore).not.toContain('alias_set.update');
    const untilLater = await t
      .http()
      .get(`/api/v1/audit?team=${own}&until=${new Date(Date.now() + 60_000).toISOString()}`)
      .set('authorization', auth)
      .expect(200);
    expect(untilLater.body.items).toHaveLength(3);
    const bad = await t
      .http()
      .get('/api/v1/audit?since=yesterday')
      .set('authorization', auth)
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(byTeam.headers['content-type']).toBe('application/json; charset=utf-8');

    const gql = await t.graphql<{ auditEvents: { items: { action: string; via: string }[] } }>(
      `query($team: String) { auditEvents(team: $team, limit: 2) { items { action via } nextCursor } }`,
      { team: own },
    );
    expect(gql.data?.auditEvents.items).toEqual([
      { action: 'alias_set.update', via: 'rest' },
      { action: 'alias_set.create', via: 'rest' },
    ]);
  });

  it('records the client request id and the GraphQL channel', async () => {
    const name = uniqueName('via');
    await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('x-request-id', `deploy-${name}`)
      .send({ entries: [entry(1)] })
      .expect(201);
    await t.graphql(
      `mutation($input: UpdateAliasSetInput!) { updateAliasSet(input: $input) { version } }`,
      { input: { team, name, entries: [entry(2)] } },
    );
    const audit = await t
      .http()
      .get(`/api/v1/audit?set=${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    expect(audit.body.items.map((e: { via: string }) => e.via)).toEqual(['graphql', 'rest']);
    expect(audit.body.items[1].requestId).toBe(`deploy-${name}`);
  });
});
