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
    const bad = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}/diff?from=1&to=7`)
      .set('authorization', auth)
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'to', message: 'version 7 does not exist' }]);
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
