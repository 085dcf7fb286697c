import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const K8S_EXAMPLE = {
  entries: [
    { ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] },
    { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
  ],
};

describe('alias sets over REST and GraphQL', () => {
  let t: TestApp;
  let team: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
  });
  afterAll(() => t.close());

  it('PUT creates (201, ETag "1"), GET reads it back, GraphQL reads the same', async () => {
    const name = uniqueName('k8s-example');
    const put = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send(K8S_EXAMPLE)
      .expect(201);
    expect(put.headers.etag).toBe('"1"');
    expect(put.body).toMatchObject({
      team,
      name,
      description: '',
      shared: false,
      includes: [],
      version: 1,
    });
    expect(put.body.entries).toEqual(K8S_EXAMPLE.entries);

    const get = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    expect(get.headers.etag).toBe('"1"');
    expect(get.body).toEqual(put.body);

    const gql = await t.graphql<{
      aliasSet: { team: string; version: number; entries: unknown[] };
    }>(
      `query($team: String!, $name: String!) {
        aliasSet(team: $team, name: $name) { team name version entries { ip hostnames } }
      }`,
      { team, name },
    );
    expect(gql.errors).toBeUndefined();
    expect(gql.data?.aliasSet).toEqual({ team, name, version: 1, entries: K8S_EXAMPLE.entries });
  });

  it('PUT replaces (200, version + 1) and a PUT of identical content is a no-op', async () => {
    const name = uniqueName('replace');
    await given(t).aliasSet(team, name, K8S_EXAMPLE);
    const changed = { ...K8S_EXAMPLE, description: 'now with a description' };
    const second = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send(changed);
    expect(second.status).toBe(200);
    expect(second.body.version).toBe(2);
    const same = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send(changed);
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    expect(same.headers.etag).toBe('"2"');
  });

  it('POST creates once and answers 409 for a taken name', async () => {
    const name = uniqueName('post');
    const body = { team, name, ...K8S_EXAMPLE, shared: true, description: 'd' };
    const created = await t
      .http()
      .post('/api/v1/alias-sets')
      .set('authorization', auth)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ team, name, shared: true, description: 'd', version: 1 });
    const again = await t
      .http()
      .post('/api/v1/alias-sets')
      .set('authorization', auth)
      .send(body)
      .expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict' });
    expect(again.body.detail).toContain(`${team}/${name}`);
  });

  it('stores cluster-scoped entries and includes', async () => {
    const cluster = await given(t).cluster();
    const base = uniqueName('base');
    await given(t).aliasSet(team, base, {
      entries: [{ ip: '10.0.0.1', hostnames: ['base.local'] }],
    });
    const name = uniqueName('scoped');
    const response = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send({
        entries: [
          { ip: '10.1.2.3', hostnames: ['foo.remote'] },
          { ip: '10.9.9.9', hostnames: ['foo.remote'], clusters: [cluster] },
        ],
        includes: [`${team}/${base}`],
      })
      .expect(201);
    expect(response.body.entries[1]).toEqual({
      ip: '10.9.9.9',
      hostnames: ['foo.remote'],
      clusters: [cluster],
    });
    expect(response.body.includes).toEqual([`${team}/${base}`]);
  });

  it('lists with cursor pagination and filters by team and text', async () => {
    const other = await given(t).team();
    const names = [uniqueName('page-a'), uniqueName('page-b'), uniqueName('page-c')];
    for (const name of names) {
      await given(t).aliasSet(other, name, {
        entries: [{ ip: '10.0.0.2', hostnames: [`${name}.local`] }],
      });
    }
    const first = await t
      .http()
      .get(`/api/v1/alias-sets?team=${other}&limit=2`)
      .set('authorization', auth)
      .expect(200);
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(names.slice(0, 2));
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await t
      .http()
      .get(`/api/v1/alias-sets?team=${other}&limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', auth)
      .expect(200);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.items.map((s: { name: string }) => s.name)).toEqual(names.slice(2));

    const byText = await t
      .http()
      .get(`/api/v1/alias-sets?q=${names[1]}`)
      .set('authorization', auth)
      .expect(200);
    expect(byText.body.items.map((s: { name: string }) => s.name)).toEqual([names[1]]);
    const byHostname = await t
      .http()
      .get(`/api/v1/alias-sets?q=${names[2]}.local`)
      .set('authorization', auth)
      .expect(200);
    expect(byHostname.body.items.map((s: { name: string }) => s.name)).toEqual([names[2]]);

    const gql = await t.graphql<{
      aliasSets: {
        edges: { node: { name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `query($team: String) { aliasSets(team: $team, first: 2) { edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`,
      {
        team: other,
      },
    );
    expect(gql.data?.aliasSets.edges.map((e) => e.node.name)).toEqual(names.slice(0, 2));
    expect(gql.data?.aliasSets.pageInfo.hasNextPage).toBe(true);
  });

  it("a list's auditEvents carry the snapshots when asked for them, and only then", async () => {
    const name = uniqueName('audited');
    await given(t).aliasSet(team, name, K8S_EXAMPLE);
    type Events = { action: string; before?: unknown; after?: unknown }[];
    const gql = await t.graphql<{
      aliasSets: { edges: { node: { name: string; latest: Events; full: Events } }[] };
    }>(
      `query($team: String) { aliasSets(team: $team, first: 500) { edges { node { name
        latest: auditEvents(limit: 1) { action }
        full: auditEvents(limit: 1) { ...Snapshots } } } } }
       fragment Snapshots on AuditEvent { action before after }`,
      { team },
    );
    expect(gql.errors).toBeUndefined();
    const node = gql.data?.aliasSets.edges.find((e) => e.node.name === name)?.node;
    expect(node?.latest).toEqual([{ action: 'alias_set.create' }]);
    expect(node?.full).toEqual([
      {
        action: 'alias_set.create',
        before: null,
        after: expect.objectContaining({ name, entries: K8S_EXAMPLE.entries }) as unknown,
      },
    ]);
  });

  it("a list's auditEvents field, resolved outside Nest's pipeline, still answers errors as the filter does", async () => {
    const name = uniqueName('audited');
    await given(t).aliasSet(team, name, K8S_EXAMPLE);
    const gql = await t.graphql<unknown>(
      `query($team: String) { aliasSets(team: $team, first: 10) { edges { node {
        auditEvents(limit: -5) { action } } } } }`,
      { team },
    );
    expect(gql.errors?.[0]).toMatchObject({
      path: ['aliasSets', 'edges', 0, 'node', 'auditEvents'],
      extensions: {
        code: 'BAD_USER_INPUT',
        errors: [{ field: 'limit', message: 'must be a whole number from 1 to 500' }],
      },
    });
  });

  it.each([0, 501])("refuses a set's auditEvents(limit: %i) like any page size", async (limit) => {
    const name = uniqueName('audited');
    await given(t).aliasSet(team, name, K8S_EXAMPLE);
    const refused = await t.graphql<unknown>(
      `query($team: String!, $name: String!, $limit: Int) {
        aliasSet(team: $team, name: $name) { auditEvents(limit: $limit) { action } } }`,
      { team, name, limit },
    );
    expect(refused.errors?.[0]).toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        errors: [{ field: 'limit', message: 'must be a whole number from 1 to 500' }],
      },
    });
  });

  it('rejects a limit above 500 and a cursor it never issued', async () => {
    const tooMany = await t
      .http()
      .get('/api/v1/alias-sets?limit=501')
      .set('authorization', auth)
      .expect(400);
    expect(tooMany.body.errors[0].field).toBe('limit');
    const badCursor = await t
      .http()
      .get('/api/v1/alias-sets?cursor=nonsense')
      .set('authorization', auth)
      .expect(400);
    expect(badCursor.body.errors).toEqual([
      { field: 'cursor', message: 'is not a cursor returned by this API' },
    ]);
  });

  it('DELETE removes the set (204, then 404), and refuses while another set includes it (409)', async () => {
    const base = uniqueName('included');
    const user = uniqueName('includer');
    await given(t).aliasSet(team, base, { entries: [{ ip: '10.0.0.3', hostnames: ['x.local'] }] });
    await given(t).aliasSet(team, user, { entries: [], includes: [`${team}/${base}`] });
    const refused = await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${base}`)
      .set('authorization', auth)
      .expect(409);
    expect(refused.body.dependents).toEqual([`${team}/${user}`]);
    expect(refused.body.detail).toContain(`${team}/${user}`);
    await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${user}`)
      .set('authorization', auth)
      .expect(204);
    await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${base}`)
      .set('authorization', auth)
      .expect(204);
    await t.http().get(`/api/v1/alias-sets/${team}/${base}`).set('authorization', auth).expect(404);
  });

  it('GraphQL creates, updates and deletes through the same rules', async () => {
    const name = uniqueName('gql');
    const created = await t.graphql<{ createAliasSet: { version: number; entries: unknown[] } }>(
      `mutation($input: CreateAliasSetInput!) { createAliasSet(input: $input) { version entries { ip hostnames } } }`,
      { input: { team, name, ...K8S_EXAMPLE } },
    );
    expect(created.data?.createAliasSet).toEqual({ version: 1, entries: K8S_EXAMPLE.entries });
    const updated = await t.graphql<{ updateAliasSet: { version: number; shared: boolean } }>(
      `mutation($input: UpdateAliasSetInput!) { updateAliasSet(input: $input) { version shared } }`,
      { input: { team, name, ...K8S_EXAMPLE, shared: true } },
    );
    expect(updated.data?.updateAliasSet).toEqual({ version: 2, shared: true });
    const deleted = await t.graphql<{ deleteAliasSet: boolean }>(
      `mutation($team: String!, $name: String!) { deleteAliasSet(team: $team, name: $name) }`,
      { team, name },
    );
    expect(deleted.data?.deleteAliasSet).toBe(true);
    const gone = await t.graphql(
      `query($team: String!, $name: String!) { aliasSet(team: $team, name: $name) { name } }`,
      {
        team,
        name,
      },
    );
    expect(gone.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('keeps data across a restart of the service', async () => {
    const name = uniqueName('durable');
    await given(t).aliasSet(team, name, K8S_EXAMPLE);
    const restarted = await startTestApp();
    try {
      const read = await restarted
        .http()
        .get(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .expect(200);
      expect(read.body.entries).toEqual(K8S_EXAMPLE.entries);
    } finally {
      await restarted.close();
    }
  });
});
