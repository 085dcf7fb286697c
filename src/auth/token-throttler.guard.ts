import { createHash } from 'node:crypto';

import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';

import type { AuthenticatedRequest } from './request';

type Reply = { header: (name: string, value: unknown) => unknown };

/**
 * Rate limits per caller across all routes (not per route): a team token, the super-user, or for
 * anonymous calls the client address. Runs after the AuthGuard, which has set the actor.
 */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = (req as unknown as AuthenticatedRequest).actor;
    if (actor?.kind === 'token') return Promise.resolve(`token:${actor.tokenId}`);
    if (actor?.kind === 'admin') return Promise.resolve('admin');
    return Promise.resolve(`ip:${String(req.ip)}`);
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
  }

  override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    if (context.getType<string>() === 'graphql') {
      const ctx = GqlExecutionContext.create(context).getContext<{
        req: AuthenticatedRequest;
        reply: Reply;
      }>();
      return {
        req: ctx.req as unknown as Record<string, unknown>,
        res: ctx.reply,
      };
    }
    return super.getRequestResponse(context);
  }
}
