import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isLeafType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

import { Lru } from '../../domain/lru';

/** What an unpaged list of objects (a set's `entries`, `hostAliases`) is assumed to hold. */
export const ASSUMED_LIST_SIZE = 10;
/** Estimates kept per document, one per operation name and variables (a portal has few). */
const ESTIMATES_PER_DOCUMENT = 32;
/** Longer variables (a mutation's whole input) are estimated each time, not kept. */
const MAX_KEPT_VARIABLES = 2048;
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
 * too (see boundResolvedFields). The estimate depends only on the document, the operation name and
 * the variables: Apollo parses a query string once and hands the same document object to every
 * request with it, so estimates are kept per document (and go with it).
 */
export function complexityLimitPlugin(max: number): ApolloServerPlugin {
  let schema: GraphQLSchema | undefined;
  const estimates = new WeakMap<object, Lru<{ cost: number | undefined }>>();
  return {
    serverWillStart: (service) => {
      schema = service.schema;
      return Promise.resolve();
    },
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ request, document }) => {
          if (!schema) return Promise.resolve();
          let known = estimates.get(document);
          if (known === undefined) {
            known = new Lru(ESTIMATES_PER_DOCUMENT);
            estimates.set(document, known);
          }
          const key = JSON.stringify([request.operationName ?? null, request.variables ?? {}]);
          let estimate = known.get(key);
          if (estimate === undefined) {
            estimate = { cost: estimateOf(schema, document, request) };
            if (key.length <= MAX_KEPT_VARIABLES) known.set(key, estimate);
          }
          const complexity = estimate.cost;
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
      }),
  };
}

function estimateOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  request: { operationName?: string | null; variables?: Record<string, unknown> | null },
): number | undefined {
  return complexityOf({
    schema,
    query: document,
    operationName: request.operationName ?? undefined,
    variables: request.variables ?? undefined,
    estimators: [
      fieldExtensionsEstimator(),
      ({ args, type: parent, field, childComplexity }) => {
        // A page size given (or defaulted) counts as it is, 1 included.
        const size = Number(args.first ?? args.limit);
        if (Number.isFinite(size) && size >= 1) return size * (childComplexity + 1);
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
