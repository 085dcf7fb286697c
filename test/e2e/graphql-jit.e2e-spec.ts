import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

/**
 * Queries run compiled (graphql-jit) answer byte for byte what graphql-js answers: two replicas on
 * one database, one never compiling (GRAPHQL_JIT_AFTER=0), one compiling every query from its
 * first execution, are asked the same operations, successes and errors alike.
 */
describe('GraphQL queries answer the same compiled and interpreted', () => {
  let interpreted: TestApp;
  let compiled: TestApp;
  let team: string;
  let cluster: string;
  let reader: string;

  beforeAll(async () => {
    [interpreted, compiled] = await Promise.all([
      startTestApp({ GRAPHQL_JIT_AFTER: '0', RATE_LIMIT_PER_MINUTE: '0' }),
      startTestApp({ GRAPHQL_JIT_AFTER: '1', RATE_LIMIT_PER_MINUTE: '0' }),
    ]);
    const g = given(interpreted);
    team = await g.team(uniqueName('jit'));
    cluster = await g.cluster(uniqueName('jit'));
    reader = await g.token(team, 'reader');
    await g.aliasSet(team, 'base', {
      shared: true,
      entries: [
        { ip: '10.1.0.1', hostnames: ['db.corp', 'db-alt.corp'] },
        { ip: '10.1.0.2', hostnames: ['cache.corp'], clusters: [cluster] },
      ],
    });
    await g.aliasSet(team, 'app', {
      description: 'the app',
      entries: [{ ip: '10.1.0.9', hostnames: ['db.corp'] }],
      includes: [`${team}/base`],
    });
    await g.aliasSet(team, 'app', {
      entries: [{ ip: '10.1.0.8', hostnames: ['api.corp'] }],
      includes: [`${team}/base`],
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([interpreted?.close(), compiled?.close()]);
  });

  const ask = async (
    app: TestApp,
    body: object,
    token = ADMIN_TOKEN,
  ): Promise<{ status: number; text: string }> => {
    const response = await fetch(`${app.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };

  const operations = (): [string, object][] => [
    [
      'the portal list with entries, resolved aliases and the latest audit event',
      {
        query: `{ aliasSets(first: 10, team: "${team}") { edges { cursor node { team name description
          shared version createdAt updatedAt includes entries { ip hostnames clusters expiresAt }
          hostAliases(cluster: "${cluster}") { ip hostnames }
          auditEvents(limit: 2) { id at action actor { type name team } target { type ref }
            version before after } } } pageInfo { hasNextPage endCursor } } }`,
      },
    ],
    [
      'variables, fragments, aliases and __typename',
      {
        query: `query Sets($team: String!, $first: Int) {
          mine: aliasSets(team: $team, first: $first) { edges { node { ...Set } } }
          one: aliasSet(team: $team, name: "app") { __typename ...Set } }
          fragment Set on AliasSet { name version hostsFile(pod: { podName: "p", namespace: "ns" }) }`,
        variables: { team, first: 1 },
        operationName: 'Sets',
      },
    ],
    [
      'a resolution',
      {
        query: `{ resolve(sets: ["${team}/app"], cluster: "${cluster}", onConflict: first) { hostAliases { ip hostnames }
          overridden { hostname } } }`,
      },
    ],
    [
      'renders, revisions and a diff',
      {
        query: `{ renderPatch(sets: ["${team}/app"], kind: StatefulSet)
          renderHosts(sets: ["${team}/app"], pod: { podName: "p" })
          revisions(team: "${team}", name: "app") { items { version } }
          aliasSetDiff(team: "${team}", name: "app", from: 1, to: 2) { __typename } }`,
      },
    ],
    [
      'the audit trail',
      { query: `{ auditEvents(team: "${team}", limit: 3) { items { action } } }` },
    ],
    ['who asks, teams and clusters', { query: '{ me { kind } teams { slug } clusters { name } }' }],
    [
      'a set that does not exist',
      { query: `{ aliasSet(team: "${team}", name: "nope") { name } }` },
    ],
    [
      'a field argument the database refuses',
      { query: `{ aliasSet(team: "${team}", name: "app") { auditEvents(limit: -5) { id } } }` },
    ],
    [
      'a variable of the wrong type',
      {
        query: 'query Q($t: String!) { teams { slug } aliasSet(team: $t, name: "x") { name } }',
        variables: { t: 5 },
      },
    ],
    ['an unknown field', { query: '{ teams { slug nope } }' }],
  ];

  it.each(operations().map(([name], index) => [name, index]))('%s', async (_name, index) => {
    const body = operations()[index][1];
    const reference = await ask(interpreted, body);
    const errors = (JSON.parse(reference.text) as { errors?: unknown[] }).errors;
    // The first six succeed, the rest are errors: both kinds are compared.
    if (index < 6) expect(errors).toBeUndefined();
    else expect(errors).toBeDefined();
    expect(await ask(compiled, body)).toEqual(reference);
    // Again, now from the compiled query kept for this document.
    expect(await ask(compiled, body)).toEqual(reference);
  });

  it("answers a team token's list as graphql-js does (what it may see only)", async () => {
    const body = { query: '{ aliasSets(first: 50) { edges { node { team name } } } }' };
    const reference = await ask(interpreted, body, reader);
    expect(reference.status).toBe(200);
    expect(await ask(compiled, body, reader)).toEqual(reference);
  });
});
