import type { FieldError } from './host-alias';

/**
 * What went wrong, in the domain's words. The one error filter maps each code to an HTTP status
 * (problem+json) and a GraphQL `extensions.code`; nothing else decides that mapping.
 */
export enum DomainErrorCode {
  /** Input breaks a rule: 400 / BAD_USER_INPUT, with field errors. */
  INVALID = 'INVALID',
  /** No such thing, or the caller may not know it exists: 404 / NOT_FOUND. */
  NOT_FOUND = 'NOT_FOUND',
  /** Already exists, still referenced, or contradicting sets: 409 / CONFLICT. */
  CONFLICT = 'CONFLICT',
  /** An include cycle: 422 / UNPROCESSABLE. */
  CYCLE = 'CYCLE',
  /** The caller's expected version is not the current one: 412 / PRECONDITION_FAILED. */
  STALE_VERSION = 'STALE_VERSION',
  /** No or bad credentials: 401 / UNAUTHENTICATED. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** Known caller, not allowed: 403 / FORBIDDEN. */
  FORBIDDEN = 'FORBIDDEN',
  /** The database is unreachable: 503 / SERVICE_UNAVAILABLE. */
  UNAVAILABLE = 'UNAVAILABLE',
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field errors for INVALID. */
    readonly errors: FieldError[] = [],
    /** Structured details clients may rely on (conflicts, cycle, current version, dependents). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(errors: FieldError[], message = 'The request is invalid.'): DomainError {
    return new DomainError(DomainErrorCode.INVALID, message, errors);
  }

  static notFound(message: string): DomainError {
    return new DomainError(DomainErrorCode.NOT_FOUND, message);
  }

  static conflict(message: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(DomainErrorCode.CONFLICT, message, [], details);
  }
}
