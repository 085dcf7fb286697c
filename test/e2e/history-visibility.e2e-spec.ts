import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const admin = `Bearer ${ADMIN_TOKEN}`;

interface Summary {
  version: number;
  actor: string;
}

/**
 * History follows visibility: another team sees only the versions written while the set was
 * shared, with actors as their team; private set names never leak through resolve or render.
 */
describe('history and resolution follow visibility', () => {
  let t: TestApp;
  let owner: string;
  let other: string;
  let ownerEditor: string;
  let ownerReader: string;
  let otherReader: string;
  let otherEditor: string;
  const name = uniqueName('flip');

  const put = (shared: boolean, ip: string) =>
    t
      .http()
      .put(`/api/v1/alias-sets/${owner}/${name}`)
      .set('authorization', `Bearer ${ownerEditor}`)
      .send({ shared, entries: [{ ip, hostnames: ['flip.example'] }] });
  const get = (path: string, token: string) =>
    t.http().get(`/api/v1/alias-sets/${owner}/${name}${path}`).set('authorization', token);

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const g = given(t);
    owner = await g.team();
    other = await g.team();
    ownerEditor = await g.token(owner, 'editor');
    ownerReader = `Bearer ${await g.token(owner, 'reader')}`;
    otherReader = `Bearer ${await g.token(other, 'reader')}`;
    otherEditor = `Bearer ${await g.token(other, 'editor')}`;
    // v1 private, v2 shared, v3 private, v4 shared (current).
    await put(false, '10.0.0.1').expect(201);
    await put(true, '10.0.0.2').expect(200);
    await put(false, '10.0.0.3').expect(200);
    await put(true, '10.0.0.4').expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('REST: another team lists v4 and v2 only, with actors as the owner team', async () => {
    const page = await get('/revisions', otherReader).expect(200);
    const items = (page.body as { items: Summary[] }).items;
    expect(items.map((r) => r.version)).toEqual([4, 2]);
    expect(items.map((r) => r.actor)).toEqual([`team:${owner}`, `team:${owner}`]);
    expect(JSON.stringify(page.body)).not.toContain('editor-');

    const first = await get('/revisions?limit=1', otherReader).expect(200);
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    const second = await get(`/revisions?limit=1&cursor=${cursor}`, otherReader).expect(200);
    expect((second.body as { items: Summary[] }).items.map((r) => r.version)).toEqual([2]);
    expect((second.body as { nextCursor: string | null }).nextCursor).toBeNull();
  });

  it('REST: owner and super-user see every version and the token names', async () => {
    for (const token of [ownerReader, admin]) {
      const page = await get('/revisions', token).expect(200);
      const items = (page.body as { items: Summary[] }).items;
      expect(items.map((r) => r.version)).toEqual([4, 3, 2, 1]);
      for (const item of items)
        expect(item.actor).toMatch(new RegExp(`^token:editor-.*@${owner}$`));
    }
    await get('/revisions/1', ownerReader).expect(200);
    await get('/revisions/3', admin).expect(200);
    await get('/diff?from=1&to=3', ownerReader).expect(200);
  });

  it('REST: a hidden version answers exactly like one that does not exist', async () => {
    const visible = await get('/revisions/2', otherReader).expect(200);
    expect(visible.body).toMatchObject({ version: 2, actor: `team:${owner}` });
    expect(visible.body.snapshot.entries).toEqual([
      { ip: '10.0.0.2', hostnames: ['flip.example'] },
    ]);

    const hidden = await get('/revisions/3', otherReader).expect(404);
    const absent = await get('/revisions/9', otherReader).expect(404);
    const strip = (body: Record<string, unknown>) =>
      JSON.stringify({
        ...body,
        detail: String(body.detail).replace(/version \d+/, 'version N'),
        instance: null,
        requestId: null,
      });
    expect(strip(hidden.body as Record<string, unknown>)).toBe(
      strip(absent.body as Record<string, unknown>),
    );
    expect(JSON.stringify(hidden.body)).not.toContain('10.0.0.3');
    await get('/revisions/1', otherReader).expect(404);
  });

  it('REST: a diff across a hidden version is refused like one to a missing version', async () => {
    const visible = await get('/diff?from=2&to=4', otherReader).expect(200);
    expect(visible.body).toMatchObject({ changed: [{ hostname: 'flip.example' }] });
    // By default another team's diff starts at the previous version it sees (2, not 3).
    const byDefault = await get('/diff', otherReader).expect(200);
    expect(byDefault.body).toEqual(visible.body);

    const across = await get('/diff?from=3&to=4', otherReader);
    const missing = await get('/diff?from=9&to=4', otherReader);
    expect(across.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((across.body as { detail: string }).detail).toMatch(/has no version 3$/);
    await get('/diff?from=1&to=2', otherReader).expect(404);
  });

  it('REST: another team cannot roll back to a hidden version (404) nor to a visible one (403)', async () => {
    const rollback = (version: number) =>
      t
        .http()
        .post(`/api/v1/alias-sets/${owner}/${name}/rollback`)
        .set('authorization', otherEditor)
        .send({ version });
    expect((await rollback(3)).status).toBe(404);
    expect((await rollback(2)).status).toBe(403);
  });

  it('GraphQL: revisions, revision and aliasSetDiff follow the same rule', async () => {
    const query = `query($team: String!, $name: String!, $v: Int!) {
      revisions(team: $team, name: $name) { items { version actor } }
      revision(team: $team, name: $name, version: $v) { version actor }
    }`;
    const seen = await t.graphql<{
      revisions: { items: Summary[] };
      revision: Summary;
    }>(query, { team: owner, name, v: 2 }, otherReader.slice(7));
    expect(seen.errors).toBeUndefined();
    expect(seen.data?.revisions.items).toEqual([
      { version: 4, actor: `team:${owner}` },
      { version: 2, actor: `team:${owner}` },
    ]);
    expect(seen.data?.revision).toEqual({ version: 2, actor: `team:${owner}` });

    const hidden = await t.graphql(
      `{ revision(team: "${owner}", name: "${name}", version: 3) { version } }`,
      undefined,
      otherReader.slice(7),
    );
    expect(hidden.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const diff = await t.graphql(
      `{ aliasSetDiff(team: "${owner}", name: "${name}", from: 1, to: 4) { changed { hostname } } }`,
      undefined,
      otherReader.slice(7),
    );
    expect(diff.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(diff.errors?.[0]?.message).toMatch(/has no version 1$/);

    const full = await t.graphql<{ revisions: { items: Summary[] } }>(
      `{ revisions(team: "${owner}", name: "${name}") { items { version actor } } }`,
      undefined,
      ownerReader.slice(7),
    );
    expect(full.data?.revisions.items.map((r) => r.version)).toEqual([4, 3, 2, 1]);
    const asAdmin = await t.graphql<{ revision: Summary }>(
      `{ revision(team: "${owner}", name: "${name}", version: 3) { version actor } }`,
    );
    expect(asAdmin.data?.revision.actor).toMatch(/^token:editor-/);
  });

  describe('resolve and render never name another team private set', () => {
    const hiddenName = uniqueName('secret');
    const outer = uniqueName('outer');
    const middle = uniqueName('middle');

    beforeAll(async () => {
      const g = given(t);
      // other/middle (shared) includes owner/secret, made private afterwards; other/outer
      // includes other/middle.
      const secret = { entries: [{ ip: '10.9.9.9', hostnames: ['secret.example'] }] };
      await g.aliasSet(owner, hiddenName, { ...secret, shared: true });
      await g.aliasSet(other, middle, {
        shared: true,
        entries: [{ ip: '10.1.1.1', hostnames: ['middle.example'] }],
        includes: [`${owner}/${hiddenName}`],
      });
      await g.aliasSet(other, outer, {
        entries: [{ ip: '10.1.1.2', hostnames: ['outer.example'] }],
        includes: [`${other}/${middle}`],
      });
      await g.aliasSet(owner, hiddenName, { ...secret, shared: false });
    });

    const requests = (): [string, string][] => [
      ['resolve, directly', `/api/v1/resolve?sets=${other}/${middle}`],
      ['resolve, transitively', `/api/v1/resolve?sets=${other}/${outer}`],
      ['render, directly', `/api/v1/render/hosts?sets=${other}/${middle}&podName=p`],
      ['render, transitively', `/api/v1/render/hosts?sets=${other}/${outer}&podName=p`],
    ];

    it('REST: 404 saying an included set was not found, without its name', async () => {
      for (const [label, url] of requests()) {
        const response = await t.http().get(url).set('authorization', otherReader);
        expect([label, response.status]).toEqual([label, 404]);
        expect(response.text).not.toContain(hiddenName);
        expect(response.text).toContain('a set included by the requested sets was not found');
      }
      // The owner team reads it all; the super-user too.
      await t.http().get(requests()[1][1]).set('authorization', admin).expect(200);
    });

    it('REST: a requested set the caller cannot read is still named as the caller wrote it', async () => {
      const response = await t
        .http()
        .get(`/api/v1/resolve?sets=${owner}/${hiddenName}`)
        .set('authorization', otherReader)
        .expect(404);
      expect(response.text).toContain(`alias set \\"${owner}/${hiddenName}\\" not found`);
    });

    it('GraphQL: resolve and renderHosts do not name it either', async () => {
      for (const set of [middle, outer]) {
        const answer = await t.graphql(
          `query($sets: [String!]!) {
            resolve(sets: $sets) { hostAliases { ip } }
          }`,
          { sets: [`${other}/${set}`] },
          otherReader.slice(7),
        );
        const render = await t.graphql(
          `query($sets: [String!]!) {
            renderHosts(sets: $sets, pod: { podName: "p", podIPs: ["10.0.0.5"] })
          }`,
          { sets: [`${other}/${set}`] },
          otherReader.slice(7),
        );
        for (const result of [answer, render]) {
          expect(result.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
          expect(result.errors?.[0]?.message).toBe(
            'a set included by the requested sets was not found',
          );
          expect(JSON.stringify(result)).not.toContain(hiddenName);
        }
      }
    });
  });
});
