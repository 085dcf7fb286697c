import { HttpException } from '@nestjs/common';

import { DomainError, DomainErrorCode } from '../../domain/errors';
import { classifyDatabaseError } from './database-errors';

/**
 * Turns anything thrown into a `DomainError` or an HTTP status, so that the filter has one
 * decision to make. Errors from the database driver that the client caused (unique violations,
 * restricted deletes) become conflicts; a lost, frozen or overloaded database becomes 503; a value
 * the database cannot hold becomes 400; the rest stay 500.
 */
export function normalizeError(
  error: unknown,
  /** The request's path, when it came over REST: a 415 names what that route accepts. */
  path?: string,
): DomainError | { status: number; message: string } {
  if (error instanceof DomainError) return error;
  if (error instanceof HttpException) {
    // Fastify's 415 arrives here, mapped by Nest's adapter, with no hint of what to send.
    if (error.getStatus() === 415) return { status: 415, message: mediaTypeMessage(path) };
    return { status: error.getStatus(), message: httpExceptionMessage(error) };
  }
  const code = errorCode(error);
  if (code === 'P2002' || code === '23505') {
    return new DomainError(DomainErrorCode.CONFLICT, 'a resource with that name already exists');
  }
  if (code === 'P2003' || code === '23503' || code === '23001') {
    return new DomainError(DomainErrorCode.CONFLICT, 'the resource is still referenced');
  }
  const failure = classifyDatabaseError(error);
  if (failure === 'unavailable') {
    return new DomainError(DomainErrorCode.UNAVAILABLE, 'the database is unavailable; retry later');
  }
  if (failure === 'invalid') {
    return DomainError.invalid([], 'a value is out of range or not valid for its field');
  }
  const status = fastifyStatus(error);
  if (status !== undefined) return { status, message: (error as Error).message };
  return { status: 500, message: 'internal error' };
}

/** curl's `-d` sends a form by default: say what to send instead. */
export const MEDIA_TYPE_MESSAGE =
  'this content type is not accepted: send the body as JSON, with the header "Content-Type: application/json"';

/** The manifests routes take the documents as YAML too (SPEC 8.1). */
export const MANIFESTS_MEDIA_TYPE_MESSAGE =
  'this content type is not accepted: send the manifests as YAML, with the header "Content-Type: application/yaml", or as JSON, with "Content-Type: application/json"';

function mediaTypeMessage(path: string | undefined): string {
  return path?.startsWith('/api/v1/manifests/') ? MANIFESTS_MEDIA_TYPE_MESSAGE : MEDIA_TYPE_MESSAGE;
}

function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return error.message;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Fastify's own errors (body too large, bad JSON, unsupported media type) carry a 4xx status. */
function fastifyStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}
