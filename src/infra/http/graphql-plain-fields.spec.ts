import { readFileSync } from 'node:fs';

import {
  graphqlSync,
  GraphQLList,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  printSchema,
} from 'graphql';

import { NEST_PROPERTY_RESOLVER, plainPropertyFields } from './graphql-plain-fields';

/** A resolver as Nest's code-first schema builds it for every `@Field`. */
function nestPropertyResolver(name: string, defaultValue?: unknown) {
  const resolvers = {
    [NEST_PROPERTY_RESOLVER]: (root: Record<string, unknown>) => {
      const value = root[name];
      return typeof value === 'undefined' ? defaultValue : value;
    },
  };
  return resolvers[NEST_PROPERTY_RESOLVER];
}

function schema(): GraphQLSchema {
  const entry = new GraphQLObjectType({
    name: 'Entry',
    fields: {
      ip: { type: GraphQLString, resolve: nestPropertyResolver('ip') },
      hostnames: {
        type: new GraphQLList(GraphQLString),
        resolve: nestPropertyResolver('hostnames'),
      },
      kind: { type: GraphQLString, resolve: nestPropertyResolver('kind', 'static') },
      upper: {
        type: GraphQLString,
        resolve: (root: { ip: string }) => root.ip.toUpperCase(),
      },
      plain: { type: GraphQLString },
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        entries: {
          type: new GraphQLList(entry),
          resolve: () => [
            { ip: '10.0.0.1', hostnames: ['a.local'], plain: 'p' },
            { ip: 'fd00::1', hostnames: [], kind: 'dynamic' },
          ],
        },
      },
    }),
  });
}

const QUERY = '{ entries { ip hostnames kind upper plain } }';

describe('plainPropertyFields', () => {
  it.each([
    ['a property read by Nest', 'ip', false],
    ['a list property read by Nest', 'hostnames', false],
    ['a property with a default value', 'kind', true],
    ['a resolver of its own', 'upper', true],
  ])('for %s (%s) keeps a resolver: %s', (_name, field, kept) => {
    const entry = plainPropertyFields(schema()).getType('Entry') as GraphQLObjectType;
    expect(entry.getFields()[field].resolve !== undefined).toBe(kept);
  });

  it('leaves a field without a resolver, the schema and every answer as they were', () => {
    const before = schema();
    const after = plainPropertyFields(schema());
    expect((after.getType('Entry') as GraphQLObjectType).getFields().plain.resolve).toBeUndefined();
    expect(printSchema(after)).toBe(printSchema(before));
    expect(graphqlSync({ schema: after, source: QUERY })).toEqual(
      graphqlSync({ schema: before, source: QUERY }),
    );
    expect(graphqlSync({ schema: after, source: QUERY }).data).toEqual({
      entries: [
        { ip: '10.0.0.1', hostnames: ['a.local'], kind: 'static', upper: '10.0.0.1', plain: 'p' },
        { ip: 'fd00::1', hostnames: [], kind: 'dynamic', upper: 'FD00::1', plain: null },
      ],
    });
  });

  it('matches the resolver @nestjs/graphql gives every @Field (fails when Nest renames it)', () => {
    const factory = readFileSync(
      require.resolve('@nestjs/graphql/dist/schema-builder/factories/object-type-definition.factory.js'),
      'utf8',
    );
    expect(factory).toContain(`const ${NEST_PROPERTY_RESOLVER} = (root) => {`);
  });
});
