import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import type { Config } from '../config/config';
import { CONFIG } from '../config/config.module';
import { DomainError, DomainErrorCode } from '../domain/errors';
import { ADMIN_ACTOR } from './actor';
import { IS_PUBLIC } from './public.decorator';
import { attachActor, authenticatedRequest } from './request';
import { secretsEqual } from './token-secret';
import { TokenAuthenticator } from './token-authenticator';

/**
 * The one authentication point for REST and GraphQL: resolves `Authorization: Bearer <token>` to
 * an Actor (the ADMIN_TOKEN super-user or a team token) and attaches it to the request. What an
 * actor may do is decided by the policy in the services, not here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: Config,
    private readonly tokens: TokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = authenticatedRequest(context);
    if (request.actor) return true;
    const secret = bearerToken(request.headers.authorization);
    if (secret === undefined) {
      throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'missing bearer token');
    }
    if (this.config.adminToken !== undefined && secretsEqual(secret, this.config.adminToken)) {
      attachActor(request, ADMIN_ACTOR);
      return true;
    }
    const actor = await this.tokens.authenticate(secret);
    if (!actor) throw new DomainError(DomainErrorCode.UNAUTHENTICATED, 'invalid or expired token');
    attachActor(request, actor);
    return true;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
