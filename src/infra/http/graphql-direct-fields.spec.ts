import { buildSchema, graphql, GraphQLError, type GraphQLSchema } from 'graphql';

import { resolveDirectly } from './graphql-direct-fields';
import { MAX_RESOLVED_FIELDS } from './graphql-response-bound';

const SDL = `
  type Event { n: Int }
  type Item { events(limit: Int = 20): [Event!]! label(text: String): String }
  type Query { items: [Item!]! }
`;

/** Stands for the ErrorFilter's conversion: names the error it was given. */
function converted(error: unknown): GraphQLError {
  return new GraphQLError('converted', {
    extensions: { code: 'CONVERTED', from: error instanceof Error ? error.message : String(error) },
  });
}

function schemaWith(events: (limit: number) => unknown): GraphQLSchema {
  const schema = buildSchema(SDL);
  resolveDirectly(
    schema,
    'Item',
    'events',
    (_item: object, args: { limit: number }) => events(args.limit),
    converted,
  );
  return schema;
}

async function run(schema: GraphQLSchema, query: string) {
  return graphql({ schema, source: query, rootValue: { items: [{}, {}] }, contextValue: {} });
}

describe('resolveDirectly', () => {
  it('calls the resolver with the arguments as GraphQL coerced them, defaults included', async () => {
    const limits: number[] = [];
    const schema = schemaWith((limit) => {
      limits.push(limit);
      return [{ n: limit }];
    });
    const result = await run(schema, '{ items { a: events { n } b: events(limit: 3) { n } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      items: [
        { a: [{ n: 20 }], b: [{ n: 3 }] },
        { a: [{ n: 20 }], b: [{ n: 3 }] },
      ],
    });
    expect(limits).toEqual([20, 3, 20, 3]);
  });

  it.each<[string, (limit: number) => unknown]>([
    [
      'thrown',
      () => {
        throw new Error('boom');
      },
    ],
    ['rejected', () => Promise.reject(new Error('boom'))],
  ])('hands an error %s to the conversion it was given', async (_name, events) => {
    const result = await run(schemaWith(events), '{ items { events { n } } }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'CONVERTED', from: 'boom' });
  });

  it('charges the lists it resolves against the response bound', async () => {
    const many = Array.from({ length: MAX_RESOLVED_FIELDS }, () => ({ n: 1 }));
    const result = await run(
      schemaWith(() => many),
      '{ items { events { n } } }',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
  });

  it.each([
    ['a field that does not exist', 'Item', 'nothing'],
    ['a type that does not exist', 'Nothing', 'events'],
    ['a field taking a string, which the input pipes would check', 'Item', 'label'],
  ])('refuses %s', (_name, type, field) => {
    expect(() => resolveDirectly(buildSchema(SDL), type, field, () => null, converted)).toThrow(
      /resolveDirectly/,
    );
  });
});
