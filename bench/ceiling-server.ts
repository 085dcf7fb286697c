/**
 * The GraphQL libraries' own cost: plain Apollo Server on plain Fastify (`@as-integrations/fastify`,
 * the integration the service uses) with the service's compiled-query plugin (graphql-jit), the
 * service's schema (`schema.graphql`) and the bench's GraphQL pages answered from memory: no
 * database, no Nest, no authentication, no logging, no metrics. What any service built on these
 * libraries spends at least per page, measured in the same run as the service (run.ts starts it
 * with CEILING_PORT, CEILING_PAGE_FILE and the service's heap settings).
 *
 * The data is the service's own answer to the page with each set's latest audit event
 * (CEILING_PAGE_FILE, read once): resolvers hand it back as a resolver reading the database
 * would, so the answers are byte for byte the service's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ApolloServer } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import fastify from 'fastify';
import { buildSchema, GraphQLScalarType, isObjectType } from 'graphql';

import { compiledQueriesPlugin } from '../src/infra/http/graphql-jit';

interface PageAnswer {
  data: {
    aliasSets: {
      edges: {
        node: { auditEvents: { at: string; action: string }[] } & Record<string, unknown>;
      }[];
    };
  };
}

const answer = JSON.parse(readFileSync(process.env.CEILING_PAGE_FILE ?? '', 'utf8')) as PageAnswer;
const edges = answer.data.aliasSets.edges.map(({ node }) => ({
  node: {
    ...node,
    auditEvents: node.auditEvents.map((event) => ({ ...event, at: new Date(event.at) })),
  },
}));

const schema = buildSchema(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8'));
const query = schema.getQueryType()?.getFields().aliasSets;
const dateTime = schema.getType('DateTime');
if (
  !query ||
  !(dateTime instanceof GraphQLScalarType) ||
  !isObjectType(schema.getType('AliasSet'))
) {
  throw new Error('ceiling-server: schema.graphql lacks Query.aliasSets or DateTime');
}
// As a resolver reading a page would: asynchronously, a fresh connection object each time.
query.resolve = () => Promise.resolve({ edges, pageInfo: { hasNextPage: true, endCursor: null } });
dateTime.serialize = (value) => (value as Date).toISOString();

async function main(): Promise<void> {
  const app = fastify();
  const apollo = new ApolloServer({
    schema,
    plugins: [fastifyApolloDrainPlugin(app), compiledQueriesPlugin(2)],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo));
  app.get('/', (_request, reply) => reply.send('ok'));
  await app.listen({ port: Number(process.env.CEILING_PORT), host: '127.0.0.1' });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
