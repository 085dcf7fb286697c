import { buildSchema, execute, parse } from 'graphql';

import { boundResolvedFields, MAX_RESOLVED_FIELDS } from './graphql-response-bound';

const schema = boundResolvedFields(
  buildSchema(`
    type Query { sets(n: Int!, entries: Int!): [Set!]! }
    type Set { name: String! entries: [Entry!]! }
    type Entry { ip: String! hostnames: [String!]! }
  `),
);

const rootValue = {
  sets: ({ n, entries }: { n: number; entries: number }) =>
    Array.from({ length: n }, (_, i) => ({
      name: `set-${i}`,
      // Async, as a field resolver reading the database would be.
      entries: () =>
        Promise.resolve(
          Array.from({ length: entries }, (_, j) => ({ ip: `10.0.0.${j}`, hostnames: ['a'] })),
        ),
    })),
};

const run = (query: string) =>
  execute({ schema, document: parse(query), rootValue, contextValue: {} }) as Promise<{
    errors?: readonly { message: string; extensions: Record<string, unknown> }[];
  }>;

describe('boundResolvedFields: what one operation resolves is bounded per list', () => {
  it.each([
    // [what, query, refused]
    ['a small answer', '{ sets(n: 100, entries: 10) { name entries { ip hostnames } } }', false],
    // 10 sets × 3 fields + 10 × 5,000 entries × 2 fields: just over 100,000.
    [
      'entries far beyond the estimate',
      '{ sets(n: 10, entries: 5000) { name entries { ip hostnames } } }',
      true,
    ],
    // The same entries with one field each: under the bound.
    [
      'the same entries, one field each',
      '{ sets(n: 10, entries: 5000) { entries { ip } } }',
      false,
    ],
    [
      'fields selected through fragments count too',
      '{ sets(n: 10, entries: 5000) { ...S } } fragment S on Set { name entries { ...E } } fragment E on Entry { ip hostnames }',
      true,
    ],
  ])('%s', async (_what, query, refused) => {
    const result = await run(query);
    const codes = (result.errors ?? []).map((error) => error.extensions.code);
    if (refused) {
      expect(codes).toContain('RESPONSE_TOO_LARGE');
      expect(result.errors?.[0]?.message).toContain(String(MAX_RESOLVED_FIELDS));
    } else {
      expect(result.errors).toBeUndefined();
    }
  });

  it('counts per operation: separate operations each get the whole budget', async () => {
    const query = '{ sets(n: 10, entries: 4000) { name entries { ip hostnames } } }';
    for (let i = 0; i < 3; i++) expect((await run(query)).errors).toBeUndefined();
  });
});
