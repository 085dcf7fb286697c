import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** What is known of one operation of a document: how often it ran, and its compiled form. */
interface Operation {
  runs: number;
  /** Undefined until compiled; null when graphql-jit could not compile it (never tried again). */
  compiled?: CompiledQuery | null;
}

/**
 * Queries a client repeats run as compiled code (graphql-jit) instead of through graphql-js's
 * interpreter: a portal's list of 100 sets went from graphql-js's field-by-field completion to
 * one generated function per query, +17-20 % throughput (bench/RESULTS.md).
 *
 * - A document's operation is compiled at its `compileAfter`-th execution (Apollo parses each
 *   query text once and hands back the same document, so the count is per query): a one-off
 *   query costs no compilation. 0 compiles nothing.
 * - Queries only: a mutation keeps graphql-js's execution (serial, and run exactly once).
 * - An answer with any error is set aside and the query runs again through graphql-js, so every
 *   error answer is graphql-js's own, formatted by Apollo as always; a query only reads, so
 *   running it twice changes nothing. The compiled run gets a context of its own (inheriting
 *   the operation's), so what is kept per operation (batch loaders, the response bound) starts
 *   afresh for the second run.
 */
export function compiledQueriesPlugin(compileAfter: number): ApolloServerPlugin<object> {
  const operations = new WeakMap<DocumentNode, Map<string, Operation>>();

  const compiledFor = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
  ): CompiledQuery | null => {
    let byName = operations.get(document);
    if (byName === undefined) {
      byName = new Map();
      operations.set(document, byName);
    }
    const key = operationName ?? '';
    let operation = byName.get(key);
    if (operation === undefined) {
      operation = { runs: 0 };
      byName.set(key, operation);
    }
    if (operation.compiled !== undefined) return operation.compiled;
    operation.runs += 1;
    if (operation.runs < compileAfter) return null;
    const compiled = compileQuery(schema, document, operationName);
    operation.compiled = isCompiledQuery(compiled) ? compiled : null;
    return operation.compiled;
  };

  return {
    requestDidStart: () =>
      Promise.resolve(
        compileAfter === 0
          ? {}
          : {
              responseForOperation: async ({
                operation,
                document,
                schema,
                request,
                contextValue,
              }): Promise<GraphQLResponse | null> => {
                // Undefined when operationName names none of the document's operations
                // (Apollo's type says otherwise): graphql-js answers that error.
                const kind = (operation as OperationDefinitionNode | undefined)?.operation;
                if (kind !== OperationTypeNode.QUERY) return null;
                const compiled = compiledFor(schema, document, request.operationName);
                if (compiled === null) return null;
                const result = await compiled.query(
                  undefined,
                  Object.create(contextValue) as object,
                  request.variables,
                );
                if (result.errors !== undefined && result.errors.length > 0) return null;
                return {
                  http: { status: undefined, headers: new HeaderMap() },
                  body: { kind: 'single', singleResult: { data: result.data } },
                };
              },
            },
      ),
  };
}
