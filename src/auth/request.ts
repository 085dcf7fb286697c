import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';

import type { Actor } from './actor';

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** The Fastify request behind a REST call or a GraphQL operation. */
export function authenticatedRequest(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}

/** Records the caller on the request, and on the raw request for the HTTP logger's `actor` field. */
export function attachActor(request: AuthenticatedRequest, actor: Actor): void {
  request.actor = actor;
  (request.raw as typeof request.raw & { actor?: Actor }).actor = actor;
}
