/**
 * A generated corpus of malformed REST and GraphQL requests, every one of which the service must
 * refuse with a 4xx (writes) or answer without a 5xx (reads). Deterministic: a seeded generator,
 * so a failure can be replayed.
 */
export interface CorpusRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** A JSON value, or a raw string sent as is. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** True when it may change data were it accepted: it must then be refused. */
  write: boolean;
}

/** Mulberry32: small, seeded, good enough to spread cases. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function deep(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Values no field accepts: each makes a request that carries it invalid. */
export const POISON: unknown[] = [
  'a\u0000b',
  '\u0000',
  'x\uD800',
  '\uDC00y',
  'ok\uD83D',
  deep(40),
  deep(3000),
  { nested: 'a\u0000' },
  ['\u0000'],
  [{ ip: '\uD800', hostnames: ['\u0000'] }],
];

/** Odd but not always invalid values: only used where nothing is written. */
const ODD: unknown[] = [
  ...POISON,
  -1,
  0,
  3_000_000_000,
  2 ** 53 + 2,
  -271821,
  1e308,
  -0,
  0.5,
  '',
  ' ',
  'null',
  'NaN',
  '-1',
  '3000000000',
  '99999999999999999999999',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20',
  '1970-01-01',
  'azozMDAwMDAwMDAw',
  'azotMQ',
  '%00',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  'x'.repeat(5000),
  '\u202e\u200b',
  true,
  false,
  null,
  [],
  {},
  [[]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

const TEAM = 'hostile-team';
const SET = 'hostile-set';
const LISTS = [
  '/api/v1/alias-sets',
  '/api/v1/teams',
  '/api/v1/clusters',
  '/api/v1/audit',
  `/api/v1/alias-sets/${TEAM}/${SET}/revisions`,
  `/api/v1/teams/${TEAM}/tokens`,
];
const QUERY_KEYS = [
  'limit',
  'cursor',
  'team',
  'q',
  'since',
  'until',
  'set',
  'actor',
  'action',
  'sets',
  'cluster',
  'podName',
  'from',
  'to',
  'onConflict',
  'format',
  'type',
  'kind',
  'unknown',
];
const GET_PATHS = [
  ...LISTS,
  `/api/v1/alias-sets/${TEAM}/${SET}`,
  `/api/v1/alias-sets/${TEAM}/${SET}/diff`,
  `/api/v1/alias-sets/${TEAM}/${SET}/hosts`,
  '/api/v1/resolve',
  '/api/v1/render/hosts',
  '/api/v1/render/patch',
];

function validAliasSet(): Record<string, unknown> {
  return {
    description: 'd',
    shared: false,
    entries: [{ ip: '10.0.0.1', hostnames: ['a.example'], clusters: [] }],
    includes: [],
  };
}

/** Puts `value` at a random place of `body` (a field, an entry field, a new field). */
function poisonAt(
  body: Record<string, unknown>,
  value: unknown,
  pick: () => number,
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  const where = pick();
  const keys = Object.keys(copy);
  if (where < 0.5 && keys.length > 0) {
    copy[keys[Math.floor(pick() * keys.length)]] = value;
  } else if (where < 0.8 && Array.isArray(copy.entries)) {
    const entry = (copy.entries as Record<string, unknown>[])[0];
    const field = ['ip', 'hostnames', 'clusters'][Math.floor(pick() * 3)];
    entry[field] = field === 'ip' ? value : [value];
  } else {
    copy[['description', 'name', 'extra', 'pod', 'labels'][Math.floor(pick() * 5)]] = value;
  }
  return copy;
}

/** Percent-encodes, keeping a literal `%00` and sending lone surrogates as the bytes of WTF-8. */
function encode(value: unknown): string {
  if (typeof value === 'string') {
    return Array.from(value, (char) => {
      const code = char.charCodeAt(0);
      if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
      return encodeURIComponent(char);
    })
      .join('')
      .replace(/%25(?=00)/g, '%');
  }
  return encodeURIComponent(JSON.stringify(value) ?? 'undefined');
}

function gql(
  query: string,
  variables?: unknown,
  extra: Record<string, unknown> = {},
): CorpusRequest {
  return {
    method: 'POST',
    path: '/graphql',
    body: { query, variables, ...extra },
    write: /mutation/.test(query),
  };
}

/** The value written as a GraphQL literal: lists and objects as GraphQL lists and objects. */
function graphqlLiteral(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '1';
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(graphqlLiteral).join(', ')}]`;
  const fields = Object.entries(value as object).map(
    ([k, v]) => `${k.replace(/\W/g, '_') || 'k'}: ${graphqlLiteral(v)}`,
  );
  return `{ ${fields.join(', ')} }`;
}

export function generateCorpus(size: number, seed = 18): CorpusRequest[] {
  const pick = random(seed);
  const any = <T>(list: T[]): T => list[Math.floor(pick() * list.length)];
  const corpus: CorpusRequest[] = [];
  const makers: (() => CorpusRequest)[] = [
    // Writes with a poisoned field.
    () => ({
      method: 'PUT',
      path: `/api/v1/alias-sets/${TEAM}/${SET}`,
      body: poisonAt(validAliasSet(), any(POISON), pick),
      write: true,
    }),
    () => ({
      method: 'POST',
      path: '/api/v1/alias-sets',
      body: poisonAt({ team: TEAM, name: 'n1', ...validAliasSet() }, any(POISON), pick),
      write: true,
    }),
    () => ({
      method: 'POST',
      path: '/api/v1/clusters',
      body: poisonAt(
        { name: 'c-hostile', description: 'd', labels: { a: 'b' } },
        any(POISON),
        pick,
      ),
      write: true,
    }),
    () => ({
      method: 'POST',
      path: '/api/v1/teams',
      body: poisonAt({ slug: 'hostile-new', name: 'n' }, any(POISON), pick),
      write: true,
    }),
    () => ({
      method: 'POST',
      path: `/api/v1/teams/${TEAM}/tokens`,
      body: poisonAt({ name: 'tok', role: 'reader' }, any(POISON), pick),
      write: true,
    }),
    () => ({
      method: 'POST',
      path: `/api/v1/alias-sets/${TEAM}/${SET}/rollback`,
      body: { version: any([-1, 0, 3_000_000_000, '1', null, 0.5, [], '\u0000']) },
      write: true,
    }),
    () => ({
      method: 'POST',
      path: '/api/v1/render/hosts',
      body: poisonAt({ sets: [`${TEAM}/${SET}`], pod: { podName: 'p' } }, any(ODD), pick),
      write: false,
    }),
    // Writes to a path with a poisoned segment, and deletes with bad preconditions.
    () => ({
      method: 'PUT',
      path: `/api/v1/alias-sets/${encode(any(POISON))}/${SET}`,
      body: validAliasSet(),
      write: true,
    }),
    () => ({
      method: 'PUT',
      path: `/api/v1/alias-sets/${TEAM}/${encode(any(['a\u0000', '%00', 'x\uD800', 'A'.repeat(300), '..', 'UPPER']))}`,
      body: validAliasSet(),
      write: true,
    }),
    () => ({
      method: 'DELETE',
      path: `/api/v1/alias-sets/${TEAM}/${SET}`,
      headers: {
        'if-match': any([
          '',
          ' ',
          'W/"1"',
          '"0"',
          '"abc"',
          '"3000000000"',
          '"-1"',
          'garbage',
          '*, "0"',
        ]),
      },
      write: true,
    }),
    // Broken JSON, wrong content types, and bodies of the wrong shape.
    () => ({
      method: 'PUT',
      path: `/api/v1/alias-sets/${TEAM}/${SET}`,
      raw: any([
        '{',
        '{"entries":',
        '[]',
        'null',
        '"x"',
        '1',
        '{"entries":[[]]}',
        '{"entries":[null]}',
        '{"entries":{}}',
        '{"__proto__":{"x":1},"entries":[]}',
        '\u0000',
        '{"entries":[{"ip":"10.0.0.1","hostnames":"a"}]} trailing',
      ]),
      contentType: 'application/json',
      write: true,
    }),
    () => ({
      method: 'POST',
      path: '/api/v1/clusters',
      raw: 'name=%00',
      contentType: any([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]),
      write: true,
    }),
    // Reads with odd query parameters (on every list: cursors, limits, dates).
    () => {
      const params = Array.from(
        { length: 1 + Math.floor(pick() * 3) },
        () => `${any(QUERY_KEYS)}=${encode(any(ODD))}`,
      );
      return { method: 'GET', path: `${any(GET_PATHS)}?${params.join('&')}`, write: false };
    },
    () => ({
      method: 'GET',
      path: `${any(LISTS)}?cursor=${encode(any(['azozMDAwMDAwMDAw', 'azotMQ', 'azo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5', 'azo', '!!!', '\u0000', 'azoxAA']))}&limit=${encode(any([1, -1, 0, 501, '1e3', 'x']))}`,
      write: false,
    }),
    () => ({
      method: 'GET',
      path: `/api/v1/alias-sets/${TEAM}/${SET}/revisions/${encode(any(['3000000000', '-1', '0', '1.5', '1e9', '%00', '99999999999999999999', 'abc']))}`,
      write: false,
    }),
    () => ({
      method: 'GET',
      path: `/api/v1/alias-sets/${TEAM}/${SET}/diff?from=${encode(any(ODD))}&to=${encode(any(ODD))}`,
      write: false,
    }),
    // GraphQL: wrong variable types, bad literals, cycles, unknown operations, subscriptions.
    () =>
      gql('query($f: Int, $a: String) { aliasSets(first: $f, after: $a) { edges { cursor } } }', {
        f: any(ODD),
        a: any(ODD),
      }),
    () =>
      gql(
        `{ aliasSets(first: ${graphqlLiteral(any([-1, 0, 501, 3_000_000_000, 'x']))}, after: ${graphqlLiteral(any(ODD))}) { edges { cursor } } }`,
      ),
    () =>
      gql(
        `{ auditEvents(cursor: ${graphqlLiteral(any(ODD))}, since: ${graphqlLiteral(any(ODD))}, limit: ${graphqlLiteral(any([-5, 0, 1000]))}) { nextCursor } }`,
      ),
    () =>
      gql(
        `{ revision(team: "${TEAM}", name: "${SET}", version: ${graphqlLiteral(any([-1, 0, 2147483647, 3_000_000_000, 'x']))}) { version } }`,
      ),
    () =>
      gql(
        `{ revisions(team: "${TEAM}", name: "${SET}", first: ${graphqlLiteral(any([-1, 0, 501]))}, after: ${graphqlLiteral(any(ODD))}) { nextCursor } }`,
      ),
    () =>
      gql(
        `{ aliasSet(team: ${graphqlLiteral(any(ODD))}, name: ${graphqlLiteral(any(ODD))}) { name } }`,
      ),
    () =>
      gql(
        `{ renderHosts(sets: [${graphqlLiteral(any(ODD))}], pod: { podName: ${graphqlLiteral(any(ODD))} }) }`,
      ),
    () =>
      gql(`mutation { createCluster(input: { name: ${graphqlLiteral(any(POISON))} }) { name } }`),
    () =>
      gql(
        `mutation { createTeam(input: { slug: "hostile-gql", name: ${graphqlLiteral(any(POISON))} }) { slug } }`,
      ),
    () =>
      gql(
        `mutation { updateAliasSet(input: { team: "${TEAM}", name: "${SET}", entries: [{ ip: ${graphqlLiteral(any(POISON))}, hostnames: ["a.example"] }] }) { version } }`,
      ),
    () =>
      gql(
        `mutation { createToken(input: { team: "${TEAM}", name: "t", role: reader, expiresAt: ${graphqlLiteral(any(['+275760-09-13T00:00:00.000Z', '-271821-04-20', 'x', '\u0000']))} }) { token } }`,
      ),
    () => gql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
    () => gql(`query { ...F${Math.floor(pick() * 9)} }`),
    () =>
      gql('query A { me { team } }', undefined, {
        operationName: any(['B', '', '\u0000', 'x'.repeat(1000)]),
      }),
    () => gql('subscription { me { team } }'),
    () =>
      gql('{ me { team } }', undefined, {
        extensions: {
          persistedQuery: { version: 1, sha256Hash: any(['abc', '', '\u0000', 'f'.repeat(64)]) },
        },
      }),
    () =>
      gql(
        `{ ${Array.from({ length: 25 + Math.floor(pick() * 300) }, (_, i) => `a${i}: me { team }`).join(' ')} }`,
      ),
    () =>
      gql(
        `{ a: aliasSets(first: 500) { edges { node { entries { ip hostnames } } } } b: aliasSets(first: 500) { edges { node { entries { ip hostnames } } } } }`,
      ),
    () =>
      gql(
        `{ ${'aliasSets { edges { node { auditEvents { actor { team '.repeat(1)}${'{ x '.repeat(Math.floor(pick() * 50))} } } } } } }`,
      ),
    () => ({
      method: 'POST',
      path: '/graphql',
      raw: any([
        '{',
        '{"query": 5}',
        '{"query": "{"}',
        '[]',
        '{"query":"{ me { team } }","variables":"x"}',
        '{"query":"{ me { team } }","variables":[1]}',
      ]),
      contentType: 'application/json',
      write: false,
    }),
    () => ({
      method: 'GET',
      path: `/graphql?query=${encode(any(['mutation { createTeam(input:{slug:"g",name:"g"}) { slug } }', '{ me { team } }\u0000', '{', '%00']))}`,
      write: true,
    }),
  ];
  while (corpus.length < size) corpus.push(any(makers)());
  return corpus;
}
