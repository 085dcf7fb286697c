import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isLeafType,
  type GraphQLSchema,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** What an unpaged list of objects (a set's `entries`, `hostAliases`) is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;
/** Fields one operation may resolve, whatever the estimate said: the bound on its response. */
export const MAX_RESOLVED_FIELDS = 100_000;
/** Lists that are the page of their parent: sized by the parent's `first`/`limit`. */
const PAGE_LISTS = new Set(['edges', 'items']);

/** A refusal the client caused: HTTP 400 with its own `extensions.code`. */
function refusal(
  message: string,
  code: string,
  details: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...details, http: { status: 400 } },
  });
}

/**
 * Rejects an operation whose estimated cost exceeds `max` before any resolver runs. List fields
 * cost their page size (`first`/`limit`) times their children; a list of objects without one
 * (`entries`) counts as ASSUMED_LIST_SIZE items, so aliasing a big page with its entries twice is
 * refused. Estimates can be wrong (a set may hold thousands of entries), so execution is bounded
 * too: an operation that resolves more than MAX_RESOLVED_FIELDS fields is stopped with an error.
 */
export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  return {
    serverWillStart: (service) => {
      schema = service.schema;
      return Promise.resolve();
    },
    requestDidStart: () => {
      let resolved = 0;
      return Promise.resolve({
        didResolveOperation: ({ request, document }) => {
          if (!schema) return Promise.resolve();
          const complexity = complexityOf({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [
              fieldExtensionsEstimator(),
              ({ args, type: parent, field, childComplexity }) => {
                const size = Number(args.first ?? args.limit ?? 1);
                if (Number.isFinite(size) && size > 1) return size * (childComplexity + 1);
                const type = getNullableType(field.type);
                if (
                  isListType(type) &&
                  !isLeafType(getNamedType(type)) &&
                  !PAGE_LISTS.has(field.name) &&
                  // Introspection (schema tooling) stays as cheap as before.
                  !parent.name.startsWith('__')
                ) {
                  return ASSUMED_LIST_SIZE * (childComplexity + 1);
                }
                return undefined;
              },
              simpleEstimator({ defaultComplexity: 1 }),
            ],
          });
          // Variables that do not fit the schema: execution refuses them, every one reported.
          if (complexity === undefined) return Promise.resolve();
          if (complexity > max) {
            return Promise.reject(
              refusal(
                `query is too complex: cost ${complexity}, limit ${max}`,
                'QUERY_TOO_COMPLEX',
                {
                  complexity,
                  limit: max,
                },
              ),
            );
          }
          return Promise.resolve();
        },
        executionDidStart: () =>
          Promise.resolve({
            willResolveField: () => {
              if (++resolved > MAX_RESOLVED_FIELDS) {
                throw new GraphQLError(
                  `the response is too large: more than ${MAX_RESOLVED_FIELDS} fields; ask for smaller pages or fewer fields`,
                  { extensions: { code: 'RESPONSE_TOO_LARGE', limit: MAX_RESOLVED_FIELDS } },
                );
              }
            },
          }),
      });
    },
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
