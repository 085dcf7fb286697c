import { DomainError, DomainErrorCode } from '../../domain/errors';
import type { FieldError } from '../../domain/host-alias';

/** RFC 9457 problem details, as every REST error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

interface CodeMapping {
  status: number;
  title: string;
  graphql: string;
}

/** The ONE mapping of domain error codes to HTTP statuses and GraphQL codes. */
export function mapCode(code: DomainErrorCode): CodeMapping {
  switch (code) {
    case DomainErrorCode.INVALID:
      return { status: 400, title: 'Bad Request', graphql: 'BAD_USER_INPUT' };
    case DomainErrorCode.UNAUTHENTICATED:
      return { status: 401, title: 'Unauthorized', graphql: 'UNAUTHENTICATED' };
    case DomainErrorCode.FORBIDDEN:
      return { status: 403, title: 'Forbidden', graphql: 'FORBIDDEN' };
    case DomainErrorCode.NOT_FOUND:
      return { status: 404, title: 'Not Found', graphql: 'NOT_FOUND' };
    case DomainErrorCode.CONFLICT:
      return { status: 409, title: 'Conflict', graphql: 'CONFLICT' };
    case DomainErrorCode.STALE_VERSION:
      return { status: 412, title: 'Precondition Failed', graphql: 'PRECONDITION_FAILED' };
    case DomainErrorCode.CYCLE:
      return { status: 422, title: 'Unprocessable Content', graphql: 'UNPROCESSABLE' };
    case DomainErrorCode.UNAVAILABLE:
      return { status: 503, title: 'Service Unavailable', graphql: 'SERVICE_UNAVAILABLE' };
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const GRAPHQL_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'BAD_USER_INPUT',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export function titleFor(status: number): string {
  return STATUS_TITLES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

export function graphqlCodeFor(status: number): string {
  return GRAPHQL_CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST');
}

export function problemFromDomainError(error: DomainError): Problem {
  const { status, title } = mapCode(error.code);
  const problem: Problem = {
    type: 'about:blank',
    title,
    status,
    detail: error.message,
    ...error.details,
  };
  if (error.errors.length > 0) problem.errors = error.errors;
  return problem;
}
