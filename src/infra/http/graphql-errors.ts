import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo labels errors without a code INTERNAL_SERVER_ERROR even when it answers them with a 4xx
 * (a persisted-query hash that does not match its query): give those a client error code.
 */
export function graphqlClientErrorCode(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') return formatted;
  const status = httpStatusOf(error);
  if (status === undefined || status >= 500) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const extensions = (error as { extensions?: { http?: { status?: unknown } } }).extensions;
  const status = extensions?.http?.status;
  return typeof status === 'number' ? status : undefined;
}
