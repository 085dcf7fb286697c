import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  type IntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';

import type { Response as SupertestResponse } from 'supertest';

import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;
const HOSTNAME_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

describe('HTTP contract: errors, validation, health, docs', () => {
  let t: TestApp;
  let team: string;

  beforeAll(async () => {
    t = await startTestApp();
    team = await given(t).team();
  });
  afterAll(() => t.close());

  /** The newest audit event id: the audit log records every write, so if it holds, nothing was written. */
  async function auditCount(): Promise<number> {
    const response = await t
      .http()
      .get('/api/v1/audit?limit=1')
      .set('authorization', auth)
      .expect(200);
    return Number(response.body.items[0]?.id ?? 0);
  }

  async function expectUnchanged(name: string, before: number): Promise<void> {
    await t.http().get(`/api/v1/alias-sets/${team}/${name}`).set('authorization', auth).expect(404);
    expect(await auditCount()).toBe(before);
  }

  it.each([
    [
      'bad IP',
      { entries: [{ ip: '10.1.2.300', hostnames: ['ok.local'] }] },
      [{ field: 'entries[0].ip', message: IP_MESSAGE }],
    ],
    [
      'uppercase hostname',
      { entries: [{ ip: '10.1.2.3', hostnames: ['Foo.Local'] }] },
      [
        {
          field: 'entries[0].hostnames[0]',
          message: `${HOSTNAME_MESSAGE}; did you mean "foo.local"? (names are lowercase)`,
        },
      ],
    ],
    [
      'underscore',
      { entries: [{ ip: '10.1.2.3', hostnames: ['ok.local', 'a_b'] }] },
      [{ field: 'entries[0].hostnames[1]', message: HOSTNAME_MESSAGE }],
    ],
    [
      'trailing dot',
      { entries: [{ ip: '10.1.2.3', hostnames: ['foo.'] }] },
      [{ field: 'entries[0].hostnames[0]', message: HOSTNAME_MESSAGE }],
    ],
    [
      'empty hostnames',
      { entries: [{ ip: '10.1.2.3', hostnames: [] }] },
      [
        {
          field: 'entries[0].hostnames',
          message: expect.stringContaining('at least one hostname'),
        },
      ],
    ],
    [
      'unknown field',
      { entries: [], colour: 'blue' },
      [{ field: 'colour', message: 'unknown field' }],
    ],
    [
      'unknown nested field',
      { entries: [{ ip: '10.1.2.3', hostnames: ['a.b'], weight: 1 }] },
      [{ field: 'entries[0].weight', message: 'unknown field' }],
    ],
    [
      'unknown cluster',
      { entries: [{ ip: '10.1.2.3', hostnames: ['a.b'], clusters: ['nowhere-cluster'] }] },
      [{ field: 'entries[0].clusters[0]', message: 'cluster "nowhere-cluster" not found' }],
    ],
    [
      'unknown include',
      { entries: [], includes: ['nobody/nothing'] },
      [{ field: 'includes[0]', message: 'alias set "nobody/nothing" not found' }],
    ],
  ])(
    'REST rejects %s with 400 problem+json, field paths, and writes nothing',
    async (_, body, errors) => {
      const name = uniqueName('invalid');
      const before = await auditCount();
      const response = await t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .send(body)
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
      });
      expect(response.body.errors).toEqual(errors);
      await expectUnchanged(name, before);
    },
  );

  it('reports every error of a request at once', async () => {
    const response = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${uniqueName('many')}`)
      .set('authorization', auth)
      .send({
        entries: [
          { ip: 'nope', hostnames: ['A'] },
          { ip: '10.0.0.1', hostnames: ['ok.local', 'bad_one'] },
        ],
      })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'entries[0].ip',
      'entries[0].hostnames[0]',
      'entries[1].hostnames[1]',
    ]);
  });

  it('GraphQL rejects the same input with BAD_USER_INPUT and the same field paths', async () => {
    const name = uniqueName('gql-invalid');
    const before = await auditCount();
    const result = await t.graphql(
      `mutation($input: CreateAliasSetInput!) { createAliasSet(input: $input) { version } }`,
      {
        input: {
          team,
          name,
          entries: [
            { ip: '10.1.2.300', hostnames: ['Foo.Local', 'a_b', 'x.'] },
            { ip: '1.2.3.4', hostnames: [] },
          ],
        },
      },
    );
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions.errors?.map((e) => e.field)).toEqual([
      'entries[0].ip',
      'entries[0].hostnames[0]',
      'entries[0].hostnames[1]',
      'entries[0].hostnames[2]',
      'entries[1].hostnames',
    ]);
    await expectUnchanged(name, before);
  });

  it('GraphQL rejects unknown input fields and unknown teams', async () => {
    const unknownField = await t.graphql(
      `mutation { createAliasSet(input: { team: "${team}", name: "x", entries: [], colour: "blue" }) { version } }`,
    );
    expect(unknownField.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknownTeam = await t.graphql(
      `mutation { createAliasSet(input: { team: "no-such-team-x", name: "x", entries: [] }) { version } }`,
    );
    expect(unknownTeam.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('answers 404 for an unknown team on PUT and writes nothing', async () => {
    const response = await t
      .http()
      .put('/api/v1/alias-sets/no-such-team/x')
      .set('authorization', auth)
      .send({ entries: [] })
      .expect(404);
    expect(response.body).toMatchObject({ status: 404, detail: 'team "no-such-team" not found' });
  });

  it('answers 413 for a 2 MB body and 415 for a body that is not JSON', async () => {
    const name = uniqueName('big');
    const before = await auditCount();
    const big = await refusedBeforeTheBody(() =>
      t
        .http()
        .put(`/api/v1/alias-sets/${team}/${name}`)
        .set('authorization', auth)
        .set('content-type', 'application/json')
        .send(JSON.stringify({ description: 'x'.repeat(2 * 1024 * 1024), entries: [] })),
    );
    expect(big.status).toBe(413);
    const bigGraphql = await refusedBeforeTheBody(() =>
      t
        .http()
        .post('/graphql')
        .set('authorization', auth)
        .set('content-type', 'application/json')
        .send(
          JSON.stringify({
            query: `mutation($input: CreateAliasSetInput!) { createAliasSet(input: $input) { version } }`,
            variables: {
              input: { team, name, description: 'x'.repeat(2 * 1024 * 1024), entries: [] },
            },
          }),
        ),
    );
    expect(bigGraphql.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const text = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('content-type', 'text/plain')
      .send('entries: []');
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
    const malformed = await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send('{"entries": [');
    expect(malformed.status).toBe(400);
    await expectUnchanged(name, before);
  });

  it('answers 401 without a token or with a wrong one, over REST and GraphQL', async () => {
    const none = await t.http().get('/api/v1/teams').expect(401);
    expect(none.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    await t.http().get('/api/v1/teams').set('authorization', 'Bearer wrong-token').expect(401);
    await t.http().get('/api/v1/teams').set('authorization', 'Basic abc').expect(401);
    const gql = await t.graphql('{ teams { slug } }', {}, 'wrong-token');
    expect(gql.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('echoes a valid X-Request-ID and makes one up otherwise', async () => {
    const echoed = await t.http().get('/healthz').set('x-request-id', 'pipeline-42.run-7');
    expect(echoed.headers['x-request-id']).toBe('pipeline-42.run-7');
    const invented = await t.http().get('/healthz').set('x-request-id', 'has spaces and <html>');
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers large bodies (sent as bytes) with their exact length, over REST and GraphQL', async () => {
    const name = uniqueName('large');
    const entries = Array.from({ length: 700 }, (_, i) => ({
      ip: `10.${Math.floor(i / 250)}.${i % 250}.7`,
      hostnames: [`host-${i}.large-answer.example`, `alias-${i}.large-answer.example`],
    }));
    await t
      .http()
      .put(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .send({ entries })
      .expect(201);
    const rest = await t
      .http()
      .get(`/api/v1/alias-sets/${team}/${name}`)
      .set('authorization', auth)
      .expect(200);
    const graphql = await t
      .http()
      .post('/graphql')
      .set('authorization', auth)
      .send({
        query: `{ aliasSet(team: "${team}", name: "${name}") { entries { ip hostnames } } }`,
      })
      .expect(200);
    for (const response of [rest, graphql]) {
      expect(response.text.length).toBeGreaterThan(64 * 1024);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
      expect(response.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
    }
    expect(rest.body.entries).toEqual(entries);
    expect(graphql.body).toEqual({ data: { aliasSet: { entries } } });
  });

  it('serves /healthz, /readyz, /metrics and the OpenAPI document without a token', async () => {
    expect((await t.http().get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http().get('/readyz').expect(200)).body).toMatchObject({ status: 'ok' });
    expect((await t.http().get('/metrics').expect(200)).text).toContain(
      'http_request_duration_seconds',
    );
    const doc = await t.http().get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/teams',
        '/api/v1/clusters',
        '/api/v1/alias-sets',
        '/api/v1/alias-sets/{team}/{name}',
      ]),
    );
    // Tokens are opaque hat_… strings, not JWTs.
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(JSON.stringify(doc.body.components.securitySchemes)).not.toMatch(/jwt/i);
    // "Every cluster" is one spelling, said the same way by the OpenAPI document and GraphQL.
    const entry = doc.body.components.schemas.AliasEntryModel.properties.clusters;
    expect(entry.description).toMatch(/absent \(GraphQL: null\).*every cluster/);
    // A version that does not exist is a 404 on each route that names one.
    for (const [path, method] of [
      ['/api/v1/alias-sets/{team}/{name}/revisions/{version}', 'get'],
      ['/api/v1/alias-sets/{team}/{name}/diff', 'get'],
      ['/api/v1/alias-sets/{team}/{name}/rollback', 'post'],
    ] as const) {
      expect(Object.keys(doc.body.paths[path][method].responses)).toContain('404');
    }
    await t.http().get('/docs').expect(200);
  });

  it('serves exactly the committed schema.graphql', async () => {
    const introspection = await t.graphql<IntrospectionQuery>(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    const live = printSchema(lexicographicSortSchema(buildClientSchema(introspection.data!)));
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
    expect(printSchema(lexicographicSortSchema(buildSchema(committed)))).toBe(live);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await t
      .http()
      .get('/api/v1/nothing-here')
      .set('authorization', auth)
      .expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

/**
 * The service answers 413 from the Content-Length and closes the connection without reading the
 * 2 MB body; the client may still be writing it (EPIPE) or lose the answer to the reset. Such a
 * try is made again (at most three times): what matters is the answer, and that nothing is written.
 */
async function refusedBeforeTheBody(
  send: () => PromiseLike<SupertestResponse>,
): Promise<SupertestResponse> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
    }
  }
}
