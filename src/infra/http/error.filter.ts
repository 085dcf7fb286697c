import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';

import { DomainError } from '../../domain/errors';
import { normalizeError } from './known-errors';
import { Problem, graphqlCodeFor, mapCode, problemFromDomainError, titleFor } from './problem';

/**
 * The one place errors become responses: problem+json for REST, `extensions.code` for GraphQL.
 * Controllers and resolvers never catch; services throw `DomainError`s.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const http = host.getType<string>() === 'http';
    const path = http ? host.switchToHttp().getRequest<FastifyRequest>().url : undefined;
    const { normalized, status } = this.logged(exception, path);
    if (host.getType<string>() === 'graphql') return toGraphQLError(normalized);

    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = toProblem(normalized);
    if (status === 503) void reply.header('retry-after', '5');
    return reply.status(status).header('content-type', 'application/problem+json').send(problem);
  }

  /** The GraphQL error for a field resolved outside Nest's pipeline (graphql-direct-fields.ts). */
  graphqlError(exception: unknown): GraphQLError {
    return toGraphQLError(this.logged(exception, undefined).normalized);
  }

  private logged(
    exception: unknown,
    path: string | undefined,
  ): { normalized: DomainError | { status: number; message: string }; status: number } {
    const normalized = normalizeError(exception, path);
    const status =
      normalized instanceof DomainError ? mapCode(normalized.code).status : normalized.status;
    // An outage answers every request with 503: one line each, not a stack trace each.
    if (status === 503) this.logger.warn(`503: ${errorMessage(exception)}`);
    else if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { normalized, status };
  }
}

function errorMessage(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}

function toProblem(normalized: DomainError | { status: number; message: string }): Problem {
  if (normalized instanceof DomainError) return problemFromDomainError(normalized);
  return {
    type: 'about:blank',
    title: titleFor(normalized.status),
    status: normalized.status,
    detail: normalized.status >= 500 ? 'internal error' : normalized.message,
  };
}

function toGraphQLError(
  normalized: DomainError | { status: number; message: string },
): GraphQLError {
  if (normalized instanceof DomainError) {
    const { graphql } = mapCode(normalized.code);
    return new GraphQLError(normalized.message, {
      extensions: {
        code: graphql,
        ...(normalized.errors.length > 0 ? { errors: normalized.errors } : {}),
        ...normalized.details,
      },
    });
  }
  return new GraphQLError(normalized.status >= 500 ? 'internal error' : normalized.message, {
    extensions: { code: graphqlCodeFor(normalized.status) },
  });
}
