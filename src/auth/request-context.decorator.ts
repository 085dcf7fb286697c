import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import type { Actor, RequestContext as Ctx } from './actor';
import { authenticatedRequest, type AuthenticatedRequest } from './request';

/** The caller, how the request arrived and its id, for REST handlers and GraphQL resolvers alike. */
export const RequestContext = createParamDecorator((_: unknown, context: ExecutionContext): Ctx => {
  const isGraphql = context.getType<string>() === 'graphql';
  return contextOf(authenticatedRequest(context), isGraphql ? 'graphql' : 'rest');
});

/** The same, for a field GraphQL resolves directly (src/infra/http/graphql-direct-fields.ts). */
export function graphqlRequestContext(operation: { req: AuthenticatedRequest }): Ctx {
  return contextOf(operation.req, 'graphql');
}

function contextOf(request: AuthenticatedRequest, via: Ctx['via']): Ctx {
  return { actor: actorOf(request), via, requestId: String(request.id) };
}

function actorOf(request: AuthenticatedRequest): Actor {
  if (!request.actor) throw new Error('RequestContext used on a public route');
  return request.actor;
}
