import { createParamDecorator, ExecutionContext } from '@nestjs/common';

import type { Actor, RequestContext as Ctx } from './actor';
import { authenticatedRequest, type AuthenticatedRequest } from './request';

/** The caller, how the request arrived and its id, for REST handlers and GraphQL resolvers alike. */
export const RequestContext = createParamDecorator((_: unknown, context: ExecutionContext): Ctx => {
  const isGraphql = context.getType<string>() === 'graphql';
  const request = authenticatedRequest(context);
  return {
    actor: actorOf(request),
    via: isGraphql ? 'graphql' : 'rest',
    requestId: String(request.id),
  };
});

function actorOf(request: AuthenticatedRequest): Actor {
  if (!request.actor) throw new Error('RequestContext used on a public route');
  return request.actor;
}
