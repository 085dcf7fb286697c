import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;

describe('teams and clusters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('creates and lists teams over REST and GraphQL', async () => {
    const slug = uniqueName('team');
    const created = await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug, name: 'Payments' })
      .expect(201);
    expect(created.body).toMatchObject({ slug, name: 'Payments' });
    const list = await t
      .http()
      .get('/api/v1/teams?limit=500')
      .set('authorization', auth)
      .expect(200);
    expect(list.body.items.map((team: { slug: string }) => team.slug)).toContain(slug);
    expect(list.body).toHaveProperty('nextCursor');

    const viaGraphql = uniqueName('gteam');
    const mutation = await t.graphql<{ createTeam: { slug: string; name: string } }>(
      `mutation($input: CreateTeamInput!) { createTeam(input: $input) { slug name } }`,
      { input: { slug: viaGraphql, name: 'Via GraphQL' } },
    );
    expect(mutation.data?.createTeam).toEqual({ slug: viaGraphql, name: 'Via GraphQL' });
    const query = await t.graphql<{ teams: { slug: string }[] }>(`{ teams { slug } }`);
    expect(query.data?.teams.map((team) => team.slug)).toEqual(
      expect.arrayContaining([slug, viaGraphql]),
    );
  });

  it('answers 409 for a duplicate team and 400 for a slug that is not a DNS label', async () => {
    const slug = uniqueName('dup');
    await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug, name: 'x' })
      .expect(201);
    const dup = await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug, name: 'x' })
      .expect(409);
    expect(dup.body).toMatchObject({ status: 409, detail: `team "${slug}" already exists` });
    const bad = await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: 'Bad_Slug', name: 'x' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'slug' })]);
    expect(bad.body.errors[0].message).toContain('RFC 1123 label');
  });

  it('creates clusters with description and labels, lists them, refuses duplicates', async () => {
    const name = uniqueName('eu-prod');
    const created = await t
      .http()
      .post('/api/v1/clusters')
      .set('authorization', auth)
      .send({ name, description: 'Frankfurt', labels: { region: 'eu-central-1' } })
      .expect(201);
    expect(created.body).toMatchObject({
      name,
      description: 'Frankfurt',
      labels: { region: 'eu-central-1' },
    });
    await t.http().post('/api/v1/clusters').set('authorization', auth).send({ name }).expect(409);
    const list = await t
      .http()
      .get('/api/v1/clusters?limit=500')
      .set('authorization', auth)
      .expect(200);
    expect(list.body.items.map((c: { name: string }) => c.name)).toContain(name);
    const gql = await t.graphql<{ clusters: { name: string; labels: Record<string, string> }[] }>(
      `{ clusters { name labels } }`,
    );
    expect(gql.data?.clusters.find((c) => c.name === name)?.labels).toEqual({
      region: 'eu-central-1',
    });
    const badLabels = await t
      .http()
      .post('/api/v1/clusters')
      .set('authorization', auth)
      .send({ name: uniqueName('c'), labels: { region: 1 } })
      .expect(400);
    expect(badLabels.body.errors[0].field).toBe('labels');
  });

  it('accepts entries scoped to a cluster as soon as it is created, not before', async () => {
    const team = await given(t).team();
    const cluster = uniqueName('later');
    const put = (ip = '10.0.0.1') =>
      t
        .http()
        .put(`/api/v1/alias-sets/${team}/scoped`)
        .set('authorization', auth)
        .send({ entries: [{ ip, hostnames: ['db.remote'], clusters: [cluster] }] });
    const refused = await put().expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'entries[0].clusters[0]', message: `cluster "${cluster}" not found` },
    ]);
    await t.http().post('/api/v1/clusters').set('authorization', auth).send({ name: cluster });
    await put().expect(201);
    // Known now (and remembered): a second write with the same cluster is accepted too.
    await put('10.0.0.2').expect(200);
  });
});
