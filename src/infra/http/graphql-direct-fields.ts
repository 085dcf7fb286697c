import {
  getNamedType,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  type GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';

import { boundResolver } from './graphql-response-bound';

/** Arguments GraphQL coerces completely itself: no string to check, nothing to validate. */
const PIPELESS_ARGUMENTS = new Set<unknown>([GraphQLInt, GraphQLFloat, GraphQLBoolean]);

/**
 * Makes `type.field` call `resolve` itself, not through Nest's per-call pipeline: for a field
 * resolved once per item of a list, where that pipeline (every global pipe awaited on every
 * parameter, the exception-filter proxy, the result transform) cost more than the field (the
 * latest audit event of 100 sets: 30 % of the page's throughput, bench/RESULTS.md). The
 * resolver's `@ResolveField` still declares the field, its arguments and its description;
 * `resolve` calls the same method. What the pipeline gave is kept: errors become GraphQL errors
 * through `toGraphqlError` (the ErrorFilter's own conversion, `ErrorFilter.graphqlError`), lists
 * are charged against the response bound, and the arguments, numbers and booleans GraphQL
 * coerces itself, need none of the pipes (a field taking anything else is refused at start).
 */
export function resolveDirectly<TSource, TContext, TArgs>(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
  resolve: GraphQLFieldResolver<TSource, TContext, TArgs>,
  toGraphqlError: (error: unknown) => GraphQLError,
): void {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  if (!field) throw new Error(`resolveDirectly: the schema has no ${typeName}.${fieldName}`);
  const unchecked = field.args.filter((arg) => !PIPELESS_ARGUMENTS.has(getNamedType(arg.type)));
  if (unchecked.length > 0) {
    throw new Error(
      `resolveDirectly: ${typeName}.${fieldName} takes ${unchecked.map((arg) => arg.name).join(', ')}, which the input pipes check`,
    );
  }
  const direct = resolve as GraphQLFieldResolver<unknown, unknown>;
  field.resolve = boundResolver(field, (source, args, context, info) => {
    try {
      const result: unknown = direct(source, args, context, info);
      return result instanceof Promise
        ? result.catch((error: unknown) => {
            throw toGraphqlError(error);
          })
        : result;
    } catch (error) {
      throw toGraphqlError(error);
    }
  });
}
