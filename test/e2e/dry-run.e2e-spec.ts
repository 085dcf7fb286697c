import { createHash } from 'node:crypto';

import { Client } from 'pg';
import type { Response, Test } from 'supertest';

import { createDatabaseOn, type TestDatabase } from '../setup/test-database';
import { ADMIN_TOKEN, startTestApp, type TestApp, testDatabaseUrl } from '../support/app';
import { given, uniqueName } from '../support/given';

/**
 * SPEC 9: a dry run makes every check of the real call and answers with its status, and writes
 * nothing: every table (and every sequence) of the database, the audit trail, the change feed and
 * the rendered bytes and ETags are the same after it. Each case runs the dry run, compares, then
 * runs the real call and expects the same status. The file has a database of its own, so nothing
 * else writes while it compares.
 */
describe('dry runs', () => {
  let database: TestDatabase;
  let t: TestApp;
  let db: Client;
  let listener: Client;
  let notifications = 0;
  let A: string;
  let B: string;
  let cluster: string;
  const secrets: Record<'readerA' | 'editorA' | 'editorB', string> = {
    readerA: '',
    editorA: '',
    editorB: '',
  };

  beforeAll(async () => {
    database = await createDatabaseOn(testDatabaseUrl());
    t = await startTestApp({ DATABASE_URL: database.url });
    db = new Client({ connectionString: database.url });
    await db.connect();
    listener = new Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', () => notifications++);
    await listener.query('LISTEN hostaliases_changes');
    const g = given(t);
    [A, B] = [await g.team(uniqueName('dry-a')), await g.team(uniqueName('dry-b'))];
    cluster = await g.cluster(uniqueName('eu'));
    secrets.readerA = await g.token(A, 'reader');
    secrets.editorA = await g.token(A, 'editor');
    secrets.editorB = await g.token(B, 'editor');
    await g.aliasSet(A, 'base', {
      shared: true,
      entries: [
        { ip: '10.0.0.1', hostnames: ['db.base'] },
        { ip: '10.0.0.9', hostnames: ['db.base'], clusters: [cluster] },
      ],
    });
    await g.aliasSet(A, 'app', {
      entries: [{ ip: '10.1.0.1', hostnames: ['app.local'] }],
      includes: [`${A}/base`],
    });
    await g.aliasSet(A, 'private', { entries: [{ ip: '10.2.0.1', hostnames: ['p.local'] }] });
  });
  afterAll(async () => {
    await listener?.end();
    await db?.end();
    await t?.close();
    await database?.dispose();
  });

  /** Every row of every table and every sequence, as JSON text, in a stable order. */
  async function tables(): Promise<Record<string, string[]>> {
    const names = await db.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const state: Record<string, string[]> = {};
    for (const { name } of names.rows) {
      const rows = await db.query<{ row: string }>(
        `SELECT to_jsonb(x)::text AS row FROM "${name}" x ORDER BY 1`,
      );
      state[name] = rows.rows.map((r) => r.row);
    }
    const sequences = await db.query<{ row: string }>(
      `SELECT sequencename || '=' || COALESCE(last_value::text, '-') AS row
       FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    state['(sequences)'] = sequences.rows.map((r) => r.row);
    return state;
  }

  const admin = `Bearer ${ADMIN_TOKEN}`;

  /** What clients see: the audit trail, and renders' bytes and ETags (through the caches). */
  async function views(): Promise<string[]> {
    const urls = [
      `/api/v1/audit?team=${A}&limit=500`,
      `/api/v1/render/hosts?sets=${A}/app&podName=web`,
      `/api/v1/render/hosts?sets=${A}/app&podName=web&cluster=${cluster}`,
      `/api/v1/render/hosts?sets=${A}/base&podName=web`,
      `/api/v1/render/patch?sets=${A}/app&cluster=${cluster}`,
      `/api/v1/alias-sets/${A}/base`,
    ];
    return Promise.all(
      urls.map(async (url) => {
        const response = await t.http().get(url).set('authorization', admin);
        return `${url} ${response.status} ${String(response.headers.etag)} ${response.text}`;
      }),
    );
  }

  /**
   * A token's use is recorded (lastUsedAt, at most once a minute): make sure the record is recent,
   * so no use during the comparison writes it again and the comparison sees only the dry run.
   */
  async function warm(token: string): Promise<void> {
    const hash = createHash('sha256').update(token).digest('hex');
    for (let i = 0; i < 300; i++) {
      await t.http().get('/api/v1/teams').set('authorization', `Bearer ${token}`).expect(200);
      const recent = await db.query(
        `SELECT 1 FROM api_tokens
         WHERE secret_hash = $1 AND last_used_at > now() - interval '30 seconds'`,
        [hash],
      );
      if (recent.rowCount === 1) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the token use was never recorded');
  }

  async function expectNothingWritten(dryRun: () => Promise<unknown>): Promise<void> {
    const before = { tables: await tables(), views: await views() };
    const heard = notifications;
    await dryRun();
    // A NOTIFY would arrive right after its commit; give it the time a change takes to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect({ tables: await tables(), views: await views() }).toEqual(before);
    expect(notifications).toBe(heard);
  }

  /** Requests with the case's token, and `?dryRun=All` when the case runs dry. */
  interface Api {
    put(path: string): Test;
    post(path: string): Test;
    delete(path: string): Test;
  }

  interface RestCase {
    name: string;
    status: number;
    /** Run before the snapshot; returns the set name the call works on. */
    prepare?: () => Promise<string>;
    call: (api: Api, name: string) => Test;
    token?: keyof typeof secrets;
    check?: (dry: Response) => void;
  }

  const freshSet = async () => {
    const name = uniqueName('s');
    await given(t).aliasSet(A, name, { entries: [{ ip: '10.3.0.1', hostnames: ['a.local'] }] });
    return name;
  };
  const ENTRY = { ip: '10.3.0.2', hostnames: ['b.local'] };

  const cases: RestCase[] = [
    {
      name: 'PUT creating a set: 201',
      status: 201,
      prepare: () => Promise.resolve(uniqueName('new')),
      call: (api, name) => api.put(`/api/v1/alias-sets/${A}/${name}`).send({ entries: [ENTRY] }),
      check: (dry) => {
        expect(dry.body).toMatchObject({ version: 1, entries: [ENTRY] });
        expect(dry.body.impact.sets[0].clusters[0].added).toEqual([
          { hostname: 'b.local', ip: '10.3.0.2' },
        ]);
        expect(dry.headers.etag).toBeUndefined();
      },
    },
    {
      name: 'PUT replacing a set: 200, the would-be version',
      status: 200,
      prepare: freshSet,
      call: (api, name) => api.put(`/api/v1/alias-sets/${A}/${name}`).send({ entries: [ENTRY] }),
      check: (dry) => expect(dry.body).toMatchObject({ version: 2, entries: [ENTRY] }),
    },
    {
      name: 'PUT with the same content: 200, no new version',
      status: 200,
      prepare: freshSet,
      call: (api, name) =>
        api
          .put(`/api/v1/alias-sets/${A}/${name}`)
          .send({ entries: [{ ip: '10.3.0.1', hostnames: ['a.local'] }] }),
      check: (dry) => {
        expect(dry.body.version).toBe(1);
        expect(dry.body.impact.sets).toEqual([
          { set: expect.stringContaining(`${A}/`), path: expect.any(Array), clusters: [] },
        ]);
      },
    },
    {
      name: 'PUT with the expected version: 200',
      status: 200,
      prepare: freshSet,
      call: (api, name) =>
        api
          .put(`/api/v1/alias-sets/${A}/${name}`)
          .set('if-match', '"1"')
          .send({ entries: [ENTRY] }),
    },
    {
      name: 'PUT invalid content: 400 with field errors',
      status: 400,
      prepare: freshSet,
      call: (api, name) =>
        api.put(`/api/v1/alias-sets/${A}/${name}`).send({
          entries: [
            { ip: '10.3.0.300', hostnames: ['b.local'], expiresAt: '2001-01-01T00:00:00Z' },
          ],
        }),
      check: (dry) =>
        expect(dry.body.errors.map((e: { field: string }) => e.field)).toEqual([
          'entries[0].ip',
          'entries[0].expiresAt',
        ]),
    },
    {
      name: 'PUT by a reader: 403',
      status: 403,
      token: 'readerA',
      prepare: freshSet,
      call: (api, name) => api.put(`/api/v1/alias-sets/${A}/${name}`).send({ entries: [ENTRY] }),
    },
    {
      name: "PUT of another team's private set: 404",
      status: 404,
      token: 'editorB',
      call: (api) => api.put(`/api/v1/alias-sets/${A}/private`).send({ entries: [ENTRY] }),
    },
    {
      name: 'PUT at a stale version: 412',
      status: 412,
      prepare: freshSet,
      call: (api, name) =>
        api
          .put(`/api/v1/alias-sets/${A}/${name}`)
          .set('if-match', '"7"')
          .send({ entries: [ENTRY] }),
    },
    {
      name: 'PUT closing an include cycle: 422',
      status: 422,
      call: (api) =>
        api
          .put(`/api/v1/alias-sets/${A}/base`)
          .send({ shared: true, entries: [], includes: [`${A}/app`] }),
    },
    {
      name: 'POST creating a set: 201',
      status: 201,
      token: 'editorA',
      prepare: () => Promise.resolve(uniqueName('posted')),
      call: (api, name) => api.post('/api/v1/alias-sets').send({ team: A, name, entries: [ENTRY] }),
    },
    {
      name: 'POST of a name that exists: 409',
      status: 409,
      prepare: freshSet,
      call: (api, name) => api.post('/api/v1/alias-sets').send({ team: A, name, entries: [ENTRY] }),
    },
    {
      name: 'DELETE: done (204; the dry run 200 with the set and its impact)',
      status: 204,
      prepare: freshSet,
      call: (api, name) => api.delete(`/api/v1/alias-sets/${A}/${name}`),
      check: (dry) =>
        expect(dry.body.impact.sets[0].clusters).toEqual([
          {
            cluster: null,
            added: [],
            removed: [{ hostname: 'a.local', ip: '10.3.0.1' }],
            changed: [],
            conflicts: [],
          },
        ]),
    },
    {
      name: 'DELETE of a set others include: 409',
      status: 409,
      call: (api) => api.delete(`/api/v1/alias-sets/${A}/base`),
    },
    {
      name: 'DELETE at a stale version: 412',
      status: 412,
      prepare: freshSet,
      call: (api, name) => api.delete(`/api/v1/alias-sets/${A}/${name}`).set('if-match', '"3"'),
    },
    {
      name: 'DELETE of a missing set: 404',
      status: 404,
      call: (api) => api.delete(`/api/v1/alias-sets/${A}/${uniqueName('missing')}`),
    },
    {
      name: 'DELETE by a reader: 403',
      status: 403,
      token: 'readerA',
      prepare: freshSet,
      call: (api, name) => api.delete(`/api/v1/alias-sets/${A}/${name}`),
    },
    {
      name: 'rollback: 200',
      status: 200,
      prepare: async () => {
        const name = await freshSet();
        await given(t).aliasSet(A, name, { entries: [ENTRY] });
        return name;
      },
      call: (api, name) =>
        api.post(`/api/v1/alias-sets/${A}/${name}/rollback`).send({ version: 1 }),
      check: (dry) =>
        expect(dry.body).toMatchObject({
          version: 3,
          entries: [{ ip: '10.3.0.1', hostnames: ['a.local'] }],
        }),
    },
    {
      name: 'rollback at a stale version: 412',
      status: 412,
      prepare: freshSet,
      call: (api, name) =>
        api
          .post(`/api/v1/alias-sets/${A}/${name}/rollback`)
          .set('if-match', '"5"')
          .send({ version: 1 }),
    },
    {
      name: 'rollback to a version that never was: 404',
      status: 404,
      prepare: freshSet,
      call: (api, name) =>
        api.post(`/api/v1/alias-sets/${A}/${name}/rollback`).send({ version: 9 }),
    },
  ];

  it.each(cases)('$name', async ({ status, prepare, call, token, check }) => {
    const name = prepare ? await prepare() : '';
    const bearer = `Bearer ${token ? secrets[token] : ADMIN_TOKEN}`;
    if (token) await warm(secrets[token]);
    const send = (dryRun: boolean) => {
      const agent = t.http();
      const withQuery = (path: string) => (dryRun ? `${path}?dryRun=All` : path);
      const api: Api = {
        put: (path) => agent.put(withQuery(path)).set('authorization', bearer),
        post: (path) => agent.post(withQuery(path)).set('authorization', bearer),
        delete: (path) => agent.delete(withQuery(path)).set('authorization', bearer),
      };
      return call(api, name);
    };
    let dry: Response | undefined;
    await expectNothingWritten(async () => {
      dry = await send(true);
    });
    // A dry DELETE has a body to carry the impact, so it answers 200 where the real one says 204.
    expect(dry?.status).toBe(status === 204 ? 200 : status);
    check?.(dry!);
    const real = await send(false);
    expect(real.status).toBe(status);
    // What the dry run announced is what the real call stores.
    if (status === 200 || status === 201) expect(real.body.version).toBe(dry?.body.version);
  });

  it("refuses any other dryRun value, in the API server's words, before anything else", async () => {
    await expectNothingWritten(async () => {
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${A}/base?dryRun=true`)
        .set('authorization', admin)
        .send({ entries: [] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'dryRun', message: 'Unsupported value: "true": supported values: "All"' },
      ]);
    });
    const repeated = await t
      .http()
      .delete(`/api/v1/alias-sets/${A}/base?dryRun=All&dryRun=Some`)
      .set('authorization', admin)
      .expect(400);
    expect(repeated.body.errors[0].message).toBe(
      'Unsupported value: ["All","Some"]: supported values: "All"',
    );
  });

  it('GraphQL mutations take dryRun: the same answers and errors, nothing written', async () => {
    const name = await freshSet();
    const update = (dryRun: boolean, expectedVersion: number) =>
      t.graphql<{
        updateAliasSet: { version: number; impact: { sets: { set: string }[] } | null };
      }>(
        `mutation($input: UpdateAliasSetInput!, $dryRun: Boolean) {
          updateAliasSet(input: $input, dryRun: $dryRun) { version impact { sets { set } hidden } }
        }`,
        {
          input: { team: A, name, expectedVersion, entries: [ENTRY] },
          dryRun,
        },
      );
    await expectNothingWritten(async () => {
      const dry = await update(true, 1);
      expect(dry.errors).toBeUndefined();
      expect(dry.data?.updateAliasSet).toEqual({
        version: 2,
        impact: { sets: [{ set: `${A}/${name}` }], hidden: 0 },
      });
      const stale = await update(true, 5);
      expect(stale.errors?.[0].extensions.code).toBe('PRECONDITION_FAILED');
    });
    expect((await update(false, 5)).errors?.[0].extensions.code).toBe('PRECONDITION_FAILED');
    expect((await update(false, 1)).data?.updateAliasSet).toEqual({ version: 2, impact: null });

    const mutations = [
      `createAliasSet(input: {team: "${A}", name: "${name}", entries: []}, dryRun: $dryRun) { version }`,
      `deleteAliasSet(team: "${A}", name: "base", dryRun: $dryRun)`,
      `rollbackAliasSet(team: "${A}", name: "${name}", version: 1, expectedVersion: 2, dryRun: $dryRun) { version impact { sets { clusters { cluster changed { hostname } } } } }`,
    ];
    for (const mutation of mutations) {
      const run = (dryRun: boolean) =>
        t.graphql(`mutation($dryRun: Boolean) { ${mutation} }`, { dryRun });
      let dry: Awaited<ReturnType<typeof run>> | undefined;
      await expectNothingWritten(async () => {
        dry = await run(true);
      });
      const real = await run(false);
      expect(dry?.errors?.map((e) => e.extensions.code)).toEqual(
        real.errors?.map((e) => e.extensions.code),
      );
    }
  });
});
