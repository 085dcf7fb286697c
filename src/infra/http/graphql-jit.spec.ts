import type {
  GraphQLRequestContextResponseForOperation,
  GraphQLRequestListener,
} from '@apollo/server';
import {
  buildSchema,
  execute,
  getOperationAST,
  isObjectType,
  parse,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

import { compiledQueriesPlugin } from './graphql-jit';

const SDL = `
  type Entry { ip: String! hostnames: [String!]! }
  type Set { name: String! entries(first: Int = 10): [Entry!]! owner: String }
  type Query { sets(prefix: String): [Set!]! viewer: String }
  type Mutation { touch: Int }
`;

interface Context {
  viewer: string;
  calls: object[];
}

function fieldsOf(built: GraphQLSchema, type: string) {
  const found = built.getType(type);
  if (!isObjectType(found)) throw new Error(`no type ${type}`);
  return found.getFields();
}

function schema(): GraphQLSchema {
  const built = buildSchema(SDL);
  const query = fieldsOf(built, 'Query');
  query.sets.resolve = (_root, args: { prefix?: string }, context: Context) => {
    context.calls.push(context);
    return ['a', 'b']
      .map((name) => `${args.prefix ?? ''}${name}`)
      .map((name) => ({ name, entries: [{ ip: '10.0.0.1', hostnames: [`${name}.corp`] }] }));
  };
  query.viewer.resolve = (_root, _args, context: Context) => context.viewer;
  fieldsOf(built, 'Set').owner.resolve = (source: { name: string }) => {
    if (source.name.startsWith('broken')) throw new Error('no owner');
    return 'team-a';
  };
  fieldsOf(built, 'Mutation').touch.resolve = (_root, _args, context: Context) => {
    context.calls.push(context);
    return 1;
  };
  return built;
}

type Listener = GraphQLRequestListener<object>;

async function listenerOf(compileAfter: number): Promise<Listener> {
  const plugin = compiledQueriesPlugin(compileAfter);
  return (await plugin.requestDidStart!({} as never)) as Listener;
}

/** What the plugin answers for `document`, as Apollo asks it after the operation resolved. */
async function answer(
  listener: Listener,
  built: GraphQLSchema,
  document: DocumentNode,
  context: Context,
  request: { operationName?: string; variables?: Record<string, unknown> } = {},
) {
  const operation = getOperationAST(document, request.operationName)!;
  const requestContext = {
    schema: built,
    document,
    operation,
    request,
    contextValue: context,
  } as unknown as GraphQLRequestContextResponseForOperation<object>;
  return listener.responseForOperation!(requestContext);
}

function dataOf(response: Awaited<ReturnType<typeof answer>>): unknown {
  if (!response || response.body.kind !== 'single') return undefined;
  return JSON.parse(JSON.stringify(response.body.singleResult)) as unknown;
}

const context = (): Context => ({ viewer: 'ci', calls: [] });

describe('compiledQueriesPlugin', () => {
  it.each([
    [1, [true, true, true]],
    [2, [false, true, true]],
    [3, [false, false, true]],
  ])(
    'with compileAfter %i, answers compiled from that execution on: %j',
    async (after, compiled) => {
      const built = schema();
      const listener = await listenerOf(after);
      const document = parse('{ sets { name } }');
      const answered: boolean[] = [];
      for (let i = 0; i < 3; i++)
        answered.push((await answer(listener, built, document, context())) !== null);
      expect(answered).toEqual(compiled);
    },
  );

  it('with compileAfter 0, takes no part in any operation', async () => {
    expect('responseForOperation' in (await listenerOf(0))).toBe(false);
  });

  it.each([
    [
      'a list with nested lists and defaults',
      '{ sets { name entries { ip hostnames } } viewer }',
      {},
    ],
    ['arguments', '{ sets(prefix: "x-") { name entries(first: 1) { ip } } }', {}],
    [
      'variables, fragments and aliases',
      'query Q($p: String) { mine: sets(prefix: $p) { ...F } } fragment F on Set { name }',
      { p: 'v-' },
    ],
    ['introspection', '{ __type(name: "Set") { name fields { name } } }', {}],
  ])('answers %s exactly as graphql-js does', async (_case, source, variables) => {
    const built = schema();
    const listener = await listenerOf(1);
    const document = parse(source);
    const compiled = dataOf(await answer(listener, built, document, context(), { variables }));
    const reference = await execute({
      schema: built,
      document,
      contextValue: context(),
      variableValues: variables,
    });
    expect(compiled).toEqual(JSON.parse(JSON.stringify({ data: reference.data })));
  });

  it('leaves an answer with errors to graphql-js', async () => {
    const built = schema();
    const listener = await listenerOf(1);
    const document = parse('{ sets(prefix: "broken") { owner } }');
    expect(await answer(listener, built, parse('{ sets { owner } }'), context())).not.toBeNull();
    expect(await answer(listener, built, document, context())).toBeNull();
  });

  it('leaves variables graphql-js would refuse to graphql-js', async () => {
    const built = schema();
    const listener = await listenerOf(1);
    const document = parse('query Q($p: String) { sets(prefix: $p) { name } }');
    expect(await answer(listener, built, document, context(), { variables: { p: 5 } })).toBeNull();
  });

  it('leaves an operationName naming no operation to graphql-js', async () => {
    const built = schema();
    const listener = await listenerOf(1);
    const requestContext = {
      schema: built,
      document: parse('query A { viewer }'),
      operation: undefined,
      request: { operationName: 'B' },
      contextValue: context(),
    } as unknown as GraphQLRequestContextResponseForOperation<object>;
    expect(await listener.responseForOperation!(requestContext)).toBeNull();
  });

  it('never runs a mutation', async () => {
    const built = schema();
    const listener = await listenerOf(1);
    const ctx = context();
    expect(await answer(listener, built, parse('mutation { touch }'), ctx)).toBeNull();
    expect(ctx.calls).toEqual([]);
  });

  it("runs with a context of its own that inherits the operation's", async () => {
    const built = schema();
    const listener = await listenerOf(1);
    const ctx = context();
    const response = await answer(listener, built, parse('{ viewer sets { name } }'), ctx);
    expect(dataOf(response)).toMatchObject({ data: { viewer: 'ci' } });
    expect(ctx.calls).toHaveLength(1);
    expect(ctx.calls[0]).not.toBe(ctx);
    expect(Object.getPrototypeOf(ctx.calls[0])).toBe(ctx);
  });

  it('counts the operations of one document apart', async () => {
    const built = schema();
    const listener = await listenerOf(2);
    const document = parse('query A { viewer } query B { sets { name } }');
    const run = async (operationName: string) =>
      (await answer(listener, built, document, context(), { operationName })) !== null;
    expect([await run('A'), await run('B'), await run('A'), await run('B')]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});
