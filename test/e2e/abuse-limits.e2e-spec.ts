import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given } from '../support/given';

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

describe('GraphQL operations run a few at a time (GRAPHQL_CONCURRENCY)', () => {
  let t: TestApp;
  let team: string;
  beforeAll(async () => {
    // One slot: any slot an operation failed to give back would block every later operation.
    t = await startTestApp({ GRAPHQL_CONCURRENCY: '1' });
    team = await given(t).team();
    await given(t).aliasSet(team, 'web', {
      entries: [{ ip: '10.0.0.1', hostnames: ['db.remote'] }],
    });
  });
  afterAll(() => t.close());

  const operations = async (): Promise<Record<string, number>> => {
    const text = (await t.http().get('/metrics').expect(200)).text;
    const value = (state: string) =>
      Number(new RegExp(`^graphql_operations\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1]);
    return { running: value('running'), queued: value('queued') };
  };

  it('answers every one of many concurrent operations, each with its own data', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        t.graphql<{ aliasSet: { name: string; entries: { hostnames: string[] }[] } }>(
          `query($team: String!) { aliasSet(team: $team, name: "web") { name entries { hostnames } } }`,
          { team },
        ),
      ),
    );
    for (const result of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.aliasSet.entries[0].hostnames).toEqual(['db.remote']);
    }
    expect(await operations()).toEqual({ running: 0, queued: 0 });
  });

  it('makes operations beyond GRAPHQL_CONCURRENCY wait their turn', async () => {
    // The route's preHandler takes the turn (Apollo's plugin only reports refusals): without it
    // nothing would ever be queued.
    let settled = false;
    const lists = Promise.all(
      Array.from({ length: 24 }, () =>
        t.graphql<{ aliasSets: { edges: unknown[] } }>(
          '{ aliasSets(first: 100) { edges { node { name entries { ip hostnames } } } } }',
        ),
      ),
    ).finally(() => (settled = true));
    let mostQueued = 0;
    while (!settled) mostQueued = Math.max(mostQueued, (await operations()).queued);
    for (const result of await lists) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.aliasSets.edges.length).toBeGreaterThan(0);
    }
    expect(mostQueued).toBeGreaterThan(0);
    expect(await operations()).toEqual({ running: 0, queued: 0 });
  });

  it('gives the slot back after every kind of failed operation', async () => {
    const failures = [
      '{ teams { slug ',
      '{ noSuchField }',
      `{ aliasSets { edges { node { auditEvents { actor { team { a { b { c } } } } } } } } }`,
      `{ aliasSets(first: 500) { edges { node { entries { ip } auditEvents(limit: 100) { before after } } } } }`,
      `{ aliasSet(team: "${team}", name: "missing") { name } }`,
    ];
    for (const query of failures) {
      const result = await t.graphql(query);
      expect(result.errors?.length).toBeGreaterThan(0);
    }
    const unauthenticated = await t.graphql('{ teams { slug } }', {}, 'hat_not-a-real-token');
    expect(unauthenticated.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    // Requests Apollo refuses before any operation starts: the route took a slot all the same.
    await t.http().post('/graphql').send({}).expect(400);
    await t.http().get('/graphql').set('apollo-require-preflight', 'true').expect(400);
    await t
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ')
      .expect(400);
    // Still one free slot: this would wait forever otherwise.
    const after = await t.graphql<{ teams: { slug: string }[] }>('{ teams { slug } }');
    expect(after.data?.teams.map((entry) => entry.slug)).toContain(team);
    expect(await operations()).toEqual({ running: 0, queued: 0 });
  });
});
