import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { FastifyRequest } from 'fastify';

/**
 * Schema-first clients (portals) read the committed `schema.graphql`; the running service builds
 * the same schema in memory (`npm run schema:gql` rewrites the file, CI checks it is current).
 */
export function graphqlOptions(): Omit<ApolloDriverConfig, 'driver'> {
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Introspection is what portals' tooling uses; the schema is no secret.
    introspection: true,
    playground: false,
    context: ({ req }: { req: FastifyRequest }) => ({ req }),
    // Errors already carry `extensions.code`; drop stack traces, keep client-facing fields.
    includeStacktraceInErrorResponses: false,
  };
}
