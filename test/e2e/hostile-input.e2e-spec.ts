import { connect, type Socket } from 'node:net';

import { Client } from 'pg';

import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { generateCorpus, type CorpusRequest } from '../support/hostile-corpus';
import { peakRssMiB } from '../support/process-stats';

const auth = `Bearer ${ADMIN_TOKEN}`;
const TEAM = 'hostile-team';
const SET = 'hostile-set';
const CORPUS_SIZE = 5200;

interface Answer {
  status: number;
  body: string;
  contentType: string;
}

/**
 * A keep-alive connection the service closes (it must, after a body it could not parse) can race
 * the client's next request on it: HTTP lets a client retry on a new connection (RFC 9112 9.3.1),
 * and every corpus write must be refused anyway, so one retry is counted, not hidden.
 */
let retried = 0;

async function send(base: string, request: CorpusRequest): Promise<Answer> {
  try {
    return await sendOnce(base, request);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    retried++;
    return sendOnce(base, request);
  }
}

async function sendOnce(base: string, request: CorpusRequest): Promise<Answer> {
  const hasBody = request.raw !== undefined || request.body !== undefined;
  const response = await fetch(base + request.path, {
    method: request.method,
    headers: {
      authorization: auth,
      ...(hasBody ? { 'content-type': request.contentType ?? 'application/json' } : {}),
      ...request.headers,
    },
    body: request.raw ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: response.status,
    body: await response.text(),
    contentType: response.headers.get('content-type') ?? '',
  };
}

/** A checksum of every row of every table of the service, to prove nothing was written. */
async function tableChecksums(): Promise<Record<string, string>> {
  const db = new Client({ connectionString: testDatabaseUrl() });
  await db.connect();
  try {
    const tables = await db.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const { rows } = await db.query<{ sum: string | null; n: string }>(
        `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum, count(*) AS n FROM "${name}" t`,
      );
      sums[name] = `${rows[0]?.n}:${rows[0]?.sum}`;
    }
    return sums;
  } finally {
    await db.end();
  }
}

describe('hostile input: every malformed request is a 4xx and writes nothing', () => {
  let t: TestApp;
  let before: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: TEAM, name: TEAM })
      .expect(201);
    await t
      .http()
      .put(`/api/v1/alias-sets/${TEAM}/${SET}`)
      .set('authorization', auth)
      .send({ entries: [{ ip: '10.0.0.1', hostnames: ['a.example'] }] })
      .expect(201);
    before = await tableChecksums();
  });
  afterAll(async () => {
    console.log(`hostile-input suite: peak RSS of the service ${peakRssMiB(t.pid)} MiB`);
    await t.close();
  });

  const put = (body: unknown) =>
    t
      .http()
      .put(`/api/v1/alias-sets/${TEAM}/${SET}`)
      .set('authorization', auth)
      .send(body as object);

  it.each<[string, unknown, string]>([
    ['NUL in a description', { description: 'a\u0000b', entries: [] }, 'description'],
    [
      'lone surrogate in a hostname',
      { entries: [{ ip: '10.0.0.1', hostnames: ['a\uD800'] }] },
      'entries[0].hostnames[0]',
    ],
    ['NUL in an ip', { entries: [{ ip: '10.0.0.1\u0000', hostnames: ['a.b'] }] }, 'entries[0].ip'],
  ])('%s: 400 naming the field', async (_name, body, field) => {
    const response = await put(body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });

  it('refuses JSON nested 3,000 deep before transforming it, and {"entries":[[]]}', async () => {
    let deep: unknown = [];
    for (let i = 0; i < 3000; i++) deep = [deep];
    const response = await put({ entries: deep });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/nests deeper than 32 levels/);
    const nested = await put({ entries: [[]] });
    expect(nested.status).toBe(400);
    expect(nested.body.errors[0].field).toBe('entries');
  });

  it('refuses out-of-range cursors, integers and dates on every list, REST and GraphQL', async () => {
    const bigCursor = 'azozMDAwMDAwMDAw'; // "k:3000000000": more than an INTEGER holds
    for (const list of [
      '/api/v1/alias-sets',
      '/api/v1/teams',
      '/api/v1/clusters',
      `/api/v1/alias-sets/${TEAM}/${SET}/revisions`,
    ]) {
      const response = await t.http().get(`${list}?cursor=${bigCursor}`).set('authorization', auth);
      expect({ list, status: response.status, field: response.body.errors?.[0]?.field }).toEqual({
        list,
        status: 400,
        field: 'cursor',
      });
    }
    const audit = await t
      .http()
      .get('/api/v1/audit?cursor=azo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5')
      .set('authorization', auth);
    expect(audit.status).toBe(400);
    await t
      .http()
      .get(`/api/v1/alias-sets/${TEAM}/${SET}/revisions/3000000000`)
      .set('authorization', auth)
      .expect(404);
    const since = await t
      .http()
      .get('/api/v1/audit?since=-271821-04-20')
      .set('authorization', auth);
    expect(since.status).toBe(400);
    expect(since.body.errors[0].field).toBe('since');
    const token = await t
      .http()
      .post(`/api/v1/teams/${TEAM}/tokens`)
      .set('authorization', auth)
      .send({ name: 'far-future', role: 'reader', expiresAt: '+275760-09-13T00:00:00.000Z' });
    expect(token.status).toBe(400);
    expect(token.body.errors[0].field).toBe('expiresAt');
    for (const query of [
      `{ aliasSets(after: "${bigCursor}") { edges { cursor } } }`,
      `{ revisions(team: "${TEAM}", name: "${SET}", after: "${bigCursor}") { nextCursor } }`,
      `{ auditEvents(cursor: "${bigCursor}0000000000") { nextCursor } }`,
      `{ auditEvents(since: "-271821-04-20") { nextCursor } }`,
      `{ aliasSets(first: -1) { edges { cursor } } }`,
    ]) {
      const response = await t.graphql(query);
      expect({ query, code: response.errors?.[0]?.extensions.code }).toEqual({
        query,
        code: 'BAD_USER_INPUT',
      });
    }
    // A connection's errors name its own arguments, not REST's limit and cursor.
    for (const [query, field] of [
      ['{ aliasSets(first: -1) { edges { cursor } } }', 'first'],
      ['{ aliasSets(after: "!!!") { edges { cursor } } }', 'after'],
      [`{ revisions(team: "${TEAM}", name: "${SET}", first: 501) { nextCursor } }`, 'first'],
      [
        `{ revisions(team: "${TEAM}", name: "${SET}", after: "${bigCursor}") { nextCursor } }`,
        'after',
      ],
    ]) {
      const response = await t.graphql(query);
      expect({
        query,
        fields: response.errors?.[0]?.extensions.errors?.map((e) => e.field),
      }).toEqual({ query, fields: [field] });
    }
  });

  it('refuses %00 in path segments and query parameters, and negative limits', async () => {
    const path = await t
      .http()
      .get(`/api/v1/alias-sets/${TEAM}%00/${SET}`)
      .set('authorization', auth);
    expect(path.status).toBe(400);
    expect(path.body.errors[0].field).toBe('team');
    const query = await t.http().get('/api/v1/audit?actor=a%00b').set('authorization', auth);
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('actor');
    const negative = await t.http().get('/api/v1/alias-sets?limit=-1').set('authorization', auth);
    expect(negative.status).toBe(400);
  });

  it('POST /render/hosts without a pod is a 400', async () => {
    const response = await t
      .http()
      .post('/api/v1/render/hosts')
      .set('authorization', auth)
      .send({ sets: [`${TEAM}/${SET}`] });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('pod');
  });

  it.each<[string, Record<string, unknown>, number, string]>([
    [
      'a variable of the wrong type',
      {
        query: 'query($f: Int) { aliasSets(first: $f) { edges { cursor } } }',
        variables: { f: 'x' },
      },
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a query over the cost budget',
      {
        query:
          '{ a: aliasSets(first: 500) { edges { node { entries { ip } } } } b: aliasSets(first: 500) { edges { node { entries { ip } } } } }',
      },
      400,
      'QUERY_TOO_COMPLEX',
    ],
    [
      'a fragment cycle',
      { query: 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }' },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    ['an unknown fragment', { query: 'query { ...Nope }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'an unknown operationName',
      { query: 'query A { me { team } }', operationName: 'B' },
      400,
      'OPERATION_RESOLUTION_FAILURE',
    ],
    ['a subscription', { query: 'subscription { me { team } }' }, 400, 'GRAPHQL_VALIDATION_FAILED'],
    [
      'a persisted-query hash that does not match',
      {
        query: '{ me { team } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
      },
      400,
      'BAD_REQUEST',
    ],
    [
      'more than 20 aliases',
      { query: `{ ${Array.from({ length: 300 }, (_, i) => `a${i}: me { team }`).join(' ')} }` },
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
  ])('GraphQL: %s is refused with a 4xx and its code', async (_name, body, status, code) => {
    const response = await t.http().post('/graphql').set('authorization', auth).send(body);
    expect(response.status).toBe(status);
    expect(response.body.errors[0].extensions.code).toBe(code);
  });

  it('If-Match by RFC 9110: strong comparison, blank is 400, * means exists', async () => {
    const name = 'hostile-if-match';
    const body = { entries: [{ ip: '10.0.0.2', hostnames: ['b.example'] }] };
    const at = (ifMatch: string) =>
      t
        .http()
        .put(`/api/v1/alias-sets/${TEAM}/${name}`)
        .set('authorization', auth)
        .set('if-match', ifMatch)
        .send(body);
    // * on a set that does not exist: precondition fails, nothing is created.
    expect((await at('*')).status).toBe(412);
    await t
      .http()
      .put(`/api/v1/alias-sets/${TEAM}/${name}`)
      .set('authorization', auth)
      .send(body)
      .expect(201);
    expect((await at('W/"1"')).status).toBe(412);
    expect((await at('')).status).toBe(400);
    expect((await at('  ')).status).toBe(400);
    expect((await at('1')).status).toBe(400);
    expect((await at('"7", "1"')).status).toBe(200);
    expect((await at('*')).status).toBe(200);
    const del = (ifMatch: string) =>
      t
        .http()
        .delete(`/api/v1/alias-sets/${TEAM}/${name}`)
        .set('authorization', auth)
        .set('if-match', ifMatch);
    expect((await del('W/"1"')).status).toBe(412);
    expect((await del('')).status).toBe(400);
    expect((await del('"1"')).status).toBe(204);
    before = await tableChecksums();
  });

  it(`answers a generated corpus of ${CORPUS_SIZE} malformed REST and GraphQL requests without a 5xx, and writes nothing`, async () => {
    const corpus = generateCorpus(CORPUS_SIZE);
    const failures: string[] = [];
    const accepted: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < corpus.length) {
        const request = corpus[next++];
        const answer = await send(t.baseUrl, request);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const label = `${request.method} ${request.path.slice(0, 160)} ${JSON.stringify(request.body ?? request.raw ?? '').slice(0, 160)} -> ${answer.status} ${answer.body.slice(0, 200)}`;
        if (answer.status >= 500) failures.push(label);
        const graphqlErrors = request.path.startsWith('/graphql') && /"errors"/.test(answer.body);
        if (request.write && answer.status < 400 && !graphqlErrors) accepted.push(label);
      }
    };
    await Promise.all(Array.from({ length: 12 }, worker));
    console.log(
      `hostile corpus: ${corpus.length} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${retried} retried on a new connection`,
    );
    expect(failures).toEqual([]);
    expect(retried).toBeLessThan(corpus.length / 100);
    expect(accepted).toEqual([]);
    expect(await tableChecksums()).toEqual(before);
  }, 300_000);

  it('drops 100 clients trickling a partial request body instead of holding them', async () => {
    const url = new URL(t.baseUrl);
    const sockets: Socket[] = [];
    const closed: Promise<number>[] = [];
    const start = Date.now();
    for (let i = 0; i < 100; i++) {
      const socket = connect(Number(url.port), url.hostname);
      sockets.push(socket);
      closed.push(
        new Promise((resolve) => socket.once('close', () => resolve(Date.now() - start))),
      );
      socket.on('error', () => {});
      socket.write(
        `PUT /api/v1/alias-sets/${TEAM}/${SET} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"entries":`,
      );
    }
    const trickle = setInterval(() => sockets.forEach((s) => s.writable && s.write(' ')), 500);
    try {
      const times = await Promise.all(closed);
      // Node's requestTimeout (15 s), checked every second, plus scheduling slack.
      expect(Math.max(...times)).toBeLessThan(25_000);
    } finally {
      clearInterval(trickle);
      sockets.forEach((s) => s.destroy());
    }
    await t.http().get('/healthz').expect(200);
  }, 60_000);
});
