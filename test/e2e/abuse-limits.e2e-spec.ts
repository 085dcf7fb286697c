import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';

const auth = `Bearer ${ADMIN_TOKEN}`;

describe('abuse limits: rate limit per caller, GraphQL depth and complexity', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once a caller exceeds its budget, across routes', async () => {
    const statuses: number[] = [];
    for (const path of [
      '/api/v1/teams',
      '/api/v1/clusters',
      '/api/v1/teams',
      '/api/v1/clusters',
      '/api/v1/teams',
    ]) {
      statuses.push((await t.http().get(path).set('authorization', auth)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.http().get('/api/v1/alias-sets').set('authorization', auth).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const gql = await t.graphql('{ teams { slug } }');
    expect(gql.errors?.[0]?.extensions.code).toBe('TOO_MANY_REQUESTS');
    // Health and metrics stay reachable for probes.
    await t.http().get('/healthz').expect(200);
    await t.http().get('/metrics').expect(200);
  });
});

describe('GraphQL query limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('accepts the deepest query the schema allows and rejects anything deeper than 6 levels', async () => {
    const deepest = await t.graphql(
      `{ aliasSets { edges { node { auditEvents { actor { team } } } } } }`,
    );
    expect(deepest.errors).toBeUndefined();
    const tooDeep = await t.graphql(
      `{ aliasSets { edges { node { auditEvents { actor { team { a { b { c } } } } } } } } }`,
    );
    expect(tooDeep.errors?.map((e) => e.message)).toContain(
      "'' exceeds maximum operation depth of 6",
    );
  });

  it('rejects an operation whose estimated cost is over budget, before running it', async () => {
    const expensive = await t.graphql(
      `{ aliasSets(first: 500) { edges { node { entries { ip hostnames clusters } auditEvents(limit: 100) { id action before after actor { id name } } } } } }`,
    );
    expect(expensive.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
      limit: 5000,
    });
    const listOf100 = await t.graphql(
      `{ aliasSets(first: 100) { edges { node { team name entries { ip hostnames clusters } } } } }`,
    );
    expect(listOf100.errors).toBeUndefined();
  });
});
