import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { DomainError, DomainErrorCode } from '../domain/errors';
import { Authenticator } from './authenticator';
import { IS_PUBLIC } from './public.decorator';
import { attachActor, authenticatedRequest } from './request';

/**
 * The one authentication point for REST and GraphQL: resolves the bearer token to an Actor and
 * attaches it to the request. What an actor may do is decided by the policy in the services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = authenticatedRequest(context);
    if (request.actor) return true;
    const actor = await this.authenticator.authenticate(request.headers.authorization);
    if (actor === undefined) {
      throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'missing bearer token');
    }
    if (actor === null) {
      throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'invalid or expired token');
    }
    attachActor(request, actor);
    return true;
  }
}
