import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Config } from '../../config/config';
import type { Metrics } from '../metrics/metrics';
import { complexityLimitPlugin } from './graphql-complexity';
import type { GraphqlSlots } from './graphql-concurrency';
import { graphqlClientErrorCode } from './graphql-errors';
import { inputErrorsPlugin } from './graphql-input-errors';
import { compiledQueriesPlugin } from './graphql-jit';
import { plainPropertyFields } from './graphql-plain-fields';
import { boundResolvedFields } from './graphql-response-bound';
import { aliasLimitRule, depthLimitRule, noSubscriptionsRule } from './graphql-rules';

/**
 * Schema-first clients (portals) read the committed `schema.graphql`; the running service builds
 * the same schema in memory (`npm run schema:gql` rewrites the file, CI checks it is current).
 */
export const MAX_DEPTH = 6;
export const MAX_COMPLEXITY = 5000;
export const MAX_ALIASES = 20;

/** Where GraphQL is served; its route waits for a slot before Apollo runs (GraphqlSlots). */
export const GRAPHQL_PATH = '/graphql';

export function graphqlOptions(
  config: Config,
  metrics: Metrics,
  slots: GraphqlSlots,
): Omit<ApolloDriverConfig, 'driver'> {
  metrics.watchGraphqlOperations(() => slots.stats);
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    // Introspection is what portals' tooling uses; the schema is no secret.
    introspection: true,
    playground: false,
    context: (req: FastifyRequest, reply: FastifyReply) => ({ req, reply }),
    // Abuse limits: no query nests deeper than this, aliases are few, each operation has a cost
    // budget; and no subscriptions (the API has none).
    validationRules: [depthLimitRule(MAX_DEPTH), aliasLimitRule(MAX_ALIASES), noSubscriptionsRule],
    formatError: graphqlClientErrorCode,
    // Operations run a few at a time, in arrival order: the route waits for a slot before Apollo
    // starts (GraphqlSlots); a refusal is answered after the other checks have had their say.
    // Queries a client repeats run compiled. No cache hints: nothing reads them, and their hook
    // ran on every field of every response.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      complexityLimitPlugin(MAX_COMPLEXITY),
      inputErrorsPlugin(),
      slots.plugin(),
      compiledQueriesPlugin(config.graphqlJitAfter),
    ],
    // Plain properties are read without a resolver; what an operation resolves is bounded per
    // list, not by a hook on every field.
    transformSchema: (schema) => boundResolvedFields(plainPropertyFields(schema)),
    // Errors already carry `extensions.code`; drop stack traces, keep client-facing fields.
    includeStacktraceInErrorResponses: false,
    // Field resolvers (AliasSet.hostAliases, ...) throw domain errors too: map them the same way.
    // Filters only: guards per field would count every field against the rate limit.
    fieldResolverEnhancers: ['filters'],
  };
}
