import type { TypedDocumentString } from '../gql/graphql';
import { readToken } from './session';

export interface FieldError {
  field: string;
  message: string;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; errors?: FieldError[]; [key: string]: unknown };
}

/** A GraphQL error as the API reports it: `code` is `extensions.code`, field errors by path. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fieldErrors: FieldError[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Called when the API says the token is not (or no longer) valid. */
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** One POST /graphql with the bearer token; the result is typed by the generated document. */
export async function execute<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
): Promise<TResult> {
  const token = readToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    // Optional arguments are left out rather than sent as null: several of the API's arguments
    // accept a missing value but not an explicit null (e.g. PodInput's strings).
    body: JSON.stringify({ query: document.toString(), variables }, (_key, value: unknown) =>
      value === null ? undefined : value,
    ),
  });
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new ApiError(`The service answered ${response.status} without a GraphQL body.`, 'HTTP');
  }
  const first = body.errors?.[0];
  if (first) {
    const { code = 'INTERNAL_SERVER_ERROR', errors = [], ...rest } = first.extensions ?? {};
    if (code === 'UNAUTHENTICATED') onUnauthenticated();
    throw new ApiError(first.message, code, errors, rest);
  }
  if (!body.data) throw new ApiError(`The service answered ${response.status}.`, 'HTTP');
  return body.data;
}
