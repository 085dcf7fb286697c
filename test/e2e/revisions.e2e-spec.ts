import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const V1 = {
  entries: [
    { ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
    { ip: '10.0.0.9', hostnames: ['gone.remote'] },
  ],
};
const V2 = {
  description: 'moved foo',
  entries: [
    { ip: '10.9.9.9', hostnames: ['foo.remote'] },
    { ip: '10.1.2.3', hostnames: ['bar.remote'] },
    { ip: '10.0.0.7', hostnames: ['new.remote'] },
  ],
};

describe('revisions, diff, rollback and optimistic concurrency', () => {
  let t: TestApp;
  let team: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
  });
  afterAll(() => t.close());

  async function twoVersions(): Promise<string> {
    const name = uniqueName('rev');
    await given(t).aliasSet(team, name, V1);
    await given(t).aliasSet(team, name, V2);
    return name;
  }

  it('lists revisions newest first and reads a full snapshot', async () => {
    const name = await twoVersions();
    const list = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions`)
      .set('authorization', auth)
      .expect(200);
    expect(list.body.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(list.body.items[0].actor).toBe('admin');
    expect(list.body.nextCursor).toBeNull();
    const page = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions?limit=1`)
      .set('authorization', auth)
      .expect(200);
    expect(page.body.items.map((r: { version: number }) => r.version)).toEqual([2]);
    const next = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions?limit=1&cursor=${page.body.nextCursor}`)
      .set('authorization', auth)
      .expect(200);
    expect(next.body.items.map((r: { version: number }) => r.version)).toEqual([1]);

    const v1 = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions/1`)
      .set('authorization', auth)
      .expect(200);
    expect(v1.body.snapshot).toMatchObject({
      team,
      name,
      version: 1,
      entries: V1.entries,
      description: '',
    });
    await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions/9`)
      .set('authorization', auth)
      .expect(404);
  });

  it('diffs two versions per hostname', async () => {
    const name = await twoVersions();
    const diff = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/diff?from=1&to=2`)
      .set('authorization', auth)
      .expect(200);
    expect(diff.body).toMatchObject({
      from: 1,
      to: 2,
      added: [{ hostname: 'new.remote', clusters: [], ip: '10.0.0.7' }],
      removed: [{ hostname: 'gone.remote', clusters: [], ip: '10.0.0.9' }],
      changed: [{ hostname: 'foo.remote', clusters: [], from: '10.1.2.3', to: '10.9.9.9' }],
    });
    expect(diff.body.metadata).toEqual([{ field: 'description', from: '', to: 'moved foo' }]);
  });

  it('answers 404 NOT_FOUND for a version that does not exist: revision, diff (either side), rollback', async () => {
    const name = await twoVersions();
    const base = `/api/v1/alias-sets/${team}/${name}`;
    const notFound = async (call: Promise<{ status: number; body: { detail?: string } }>) => {
      const response = await call;
      expect(response.status).toBe(404);
      return response.body.detail;
    };
    const get = (path: string) => t.http().get(`${base}${path}`).set('authorization', auth);
    for (const version of [0, 3, 3_000_000_000]) {
      expect(await notFound(get(`/revisions/${version}`))).toContain(`has no version ${version}`);
    }
    expect(await notFound(get('/diff?from=1&to=7'))).toContain('has no version 7');
    expect(await notFound(get('/diff?from=5&to=2'))).toContain('has no version 5');
    expect(await notFound(get('/diff?from=0&to=9'))).toContain('has no version 0 or 9');
    for (const version of [0, 3, 3_000_000_000]) {
      const rollback = t
        .http()
        .post(`${base}/rollback`)
        .set('authorization', auth)
        .send({ version });
      expect(await notFound(rollback)).toContain(`has no version ${version}`);
    }
    // A version that is not an integer is malformed input, not a missing version.
    await get('/diff?from=x').expect(400);
    // Nothing was written by the refused rollbacks.
    expect((await get('').expect(200)).body.version).toBe(2);

    const gql = await t.graphql(
      `query($team: String!, $name: String!) {
        revision(team: $team, name: $name, version: 9) { version }
      }`,
      { team, name },
    );
    const diff = await t.graphql(
      `query($team: String!, $name: String!) {
        aliasSetDiff(team: $team, name: $name, from: 1, to: 9) { from }
      }`,
      { team, name },
    );
    const rollback = await t.graphql(
      `mutation($team: String!, $name: String!) {
        rollbackAliasSet(team: $team, name: $name, version: 9) { version }
      }`,
      { team, name },
    );
    for (const response of [gql, diff, rollback]) {
      expect(response.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      expect(response.errors?.[0]?.message).toContain('has no version 9');
    }
  });

  it('answers the same "every cluster" on both surfaces: no clusters in REST, null in GraphQL', async () => {
    const cluster = await given(t).cluster();
    const name = uniqueName('scope');
    const entries = [
      { ip: '10.0.0.1', hostnames: ['absent.remote'] },
      { ip: '10.0.0.2', hostnames: ['empty.remote'], clusters: [] },
      { ip: '10.0.0.3', hostnames: ['scoped.remote'], clusters: [cluster] },
    ];
    const put = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send({ entries })
      .expect(201);
    const everywhere = [
      { ip: '10.0.0.1', hostnames: ['absent.remote'] },
      { ip: '10.0.0.2', hostnames: ['empty.remote'] },
    ];
    const scoped = { ip: '10.0.0.3', hostnames: ['scoped.remote'], clusters: [cluster] };
    expect(put.body.entries).toEqual([...everywhere, scoped]);
    const revision = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/revisions/1`)
      .set('authorization', auth)
      .expect(200);
    expect(revision.body.snapshot.entries).toEqual([...everywhere, scoped]);

    const read = await t.graphql<{
      aliasSet: { entries: unknown[] };
      revision: { snapshot: { entries: unknown[] } };
    }>(
      `query($team: String!, $name: String!) {
        aliasSet(team: $team, name: $name) { entries { ip hostnames clusters } }
        revision(team: $team, name: $name, version: 1) { snapshot { entries { ip hostnames clusters } } }
      }`,
      { team, name },
    );
    expect(read.errors).toBeUndefined();
    const asGraphql = [...everywhere.map((entry) => ({ ...entry, clusters: null })), scoped];
    expect(read.data?.aliasSet.entries).toEqual(asGraphql);
    expect(read.data?.revision.snapshot.entries).toEqual(asGraphql);

    // GraphQL's null and [] are the same "every cluster", and make no new version.
    const again = await t.graphql<{ updateAliasSet: { version: number; entries: unknown[] } }>(
      `mutation($input: UpdateAliasSetInput!) { updateAliasSet(input: $input) { version entries { ip hostnames clusters } } }`,
      {
        input: {
          team,
          name,
          entries: [
            { ip: '10.0.0.1', hostnames: ['absent.remote'], clusters: null },
            { ip: '10.0.0.2', hostnames: ['empty.remote'], clusters: [] },
            scoped,
          ],
        },
      },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data?.updateAliasSet).toEqual({ version: 1, entries: asGraphql });
  });

  it('rolls back to an old version as a new version, audited as alias_set.rollback', async () => {
    const name = await twoVersions();
    const rolled = await t
      .http()
      .post(`/api/v1/alias-sets/${team}/${name}/rollback`)
      .set('authorization', auth)
      .set('if-match', '"2"')
      .send({ version: 1 })
      .expect(200);
    expect(rolled.headers.etag).toBe('"3"');
    expect(rolled.body).toMatchObject({ version: 3, entries: V1.entries, description: '' });
    const audit = await t
      .http()
      .get(`/api/v1/audit?set=${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'alias_set.rollback',
      'alias_set.update',
      'alias_set.create',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      version: 3,
      via: 'rest',
      before: { version: 2 },
      after: { version: 3 },
    });
    const stale = await t
      .http()
      .post(`/api/v1/alias-sets/${team}/${name}/rollback`)
      .set('authorization', auth)
      .set('if-match', '"2"')
      .send({ version: 2 })
      .expect(412);
    expect(stale.body).toMatchObject({ status: 412, currentVersion: 3 });
  });

  it('honours If-Match on PUT and DELETE with 412 naming the current version', async () => {
    const name = await twoVersions();
    const stale = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('if-match', '"1"')
      .send(V1)
      .expect(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ title: 'Precondition Failed', currentVersion: 2 });
    expect(stale.body.detail).toContain('version 2');
    await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('if-match', '"2"')
      .send(V1)
      .expect(200);
    await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('if-match', '"2"')
      .expect(412);
    const badHeader = await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('if-match', 'three')
      .expect(400);
    expect(badHeader.body.errors[0].field).toBe('If-Match');
    await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('if-match', '"3"')
      .expect(204);
  });

  it('keeps a deleted set readable in the audit log', async () => {
    const name = await twoVersions();
    await t
      .http()
      .delete(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .expect(204);
    const audit = await t
      .http()
      .get(`/api/v1/audit?set=${team}/${name}&action=alias_set.delete`)
      .set('authorization', auth)
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0].before).toMatchObject({ version: 2, entries: V2.entries });
    expect(audit.body.items[0].after).toBeNull();
    // Snapshots are as compact as the rest of the API: no pretty-printing, no jsonb spacing.
    expect(audit.text).not.toMatch(/": |, "|\n/);
    expect(audit.text).toContain(`"before":{`);
  });

  it('GraphQL: revisions, diff, rollback and PRECONDITION_FAILED', async () => {
    const name = await twoVersions();
    const read = await t.graphql<{
      revisions: { items: { version: number }[] };
      revision: { snapshot: { entries: unknown[] } };
      aliasSetDiff: { changed: { hostname: string; from: string; to: string }[] };
    }>(
      `query($team: String!, $name: String!) {
        revisions(team: $team, name: $name) { items { version actor } }
        revision(team: $team, name: $name, version: 1) { snapshot { entries { ip hostnames } } }
        aliasSetDiff(team: $team, name: $name, from: 1, to: 2) { changed { hostname from to } }
      }`,
      { team, name },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.revisions.items.map((r) => r.version)).toEqual([2, 1]);
    expect(read.data?.revision.snapshot.entries).toEqual(V1.entries);
    expect(read.data?.aliasSetDiff.changed).toEqual([
      { hostname: 'foo.remote', from: '10.1.2.3', to: '10.9.9.9' },
    ]);

    const stale = await t.graphql(
      `mutation($team: String!, $name: String!) { rollbackAliasSet(team: $team, name: $name, version: 1, expectedVersion: 1) { version } }`,
      { team, name },
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'PRECONDITION_FAILED',
      currentVersion: 2,
    });
    const rolled = await t.graphql<{ rollbackAliasSet: { version: number } }>(
      `mutation($team: String!, $name: String!) { rollbackAliasSet(team: $team, name: $name, version: 1, expectedVersion: 2) { version } }`,
      { team, name },
    );
    expect(rolled.data?.rollbackAliasSet.version).toBe(3);
    const staleUpdate = await t.graphql(
      `mutation($input: UpdateAliasSetInput!) { updateAliasSet(input: $input) { version } }`,
      { input: { team, name, ...V2, expectedVersion: 2 } },
    );
    expect(staleUpdate.errors?.[0]?.extensions.code).toBe('PRECONDITION_FAILED');
    const staleDelete = await t.graphql(
      `mutation($team: String!, $name: String!) { deleteAliasSet(team: $team, name: $name, expectedVersion: 1) }`,
      { team, name },
    );
    expect(staleDelete.errors?.[0]?.extensions.code).toBe('PRECONDITION_FAILED');
  });
});
