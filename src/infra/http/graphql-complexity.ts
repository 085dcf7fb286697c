import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Rejects an operation whose estimated cost exceeds `max` before any resolver runs. List fields
 * cost their page size (`first`/`limit`) times their children, so a 100-set page with entries
 * is fine and a query that fans out over thousands of objects is not.
 */
export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    serverWillStart: (service) => {
      schema = service.schema;
      return Promise.resolve();
    },
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document }) => {
          if (!schema) return Promise.resolve();
          const complexity = complexityOf({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, childComplexity }) => {
                const size = Number(args.first ?? args.limit ?? 1);
                return Number.isFinite(size) && size > 1 ? size * (childComplexity + 1) : undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          // Variables that do not fit the schema: execution refuses them, every one reported.
          if (complexity === undefined) return Promise.resolve();
          if (complexity > max) {
            return Promise.reject(
              new GraphQLError(`query is too complex: cost ${complexity}, limit ${max}`, {
                extensions: { code: 'QUERY_TOO_COMPLEX', complexity, limit: max },
              }),
            );
          }
          return Promise.resolve();
        },
      }),
  };
}

/**
 * getComplexity coerces the variables too, and throws only the last of their errors; undefined
 * then, so that execution (which runs nothing with invalid variables) reports all of them.
 */
function complexityOf(options: Parameters<typeof getComplexity>[0]): number | undefined {
  try {
    return getComplexity(options);
  } catch (error) {
    if (error instanceof GraphQLError && error.message.startsWith('Variable "$')) return undefined;
    throw error;
  }
}
