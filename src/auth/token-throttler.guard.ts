import { ExecutionContext, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ThrottlerGuard } from '@nestjs/throttler';

import { rateLimitKey, rateLimitTracker } from './rate-limit';
import type { AuthenticatedRequest } from './request';

type Reply = { header: (name: string, value: unknown) => unknown };

/**
 * Rate limits per caller across all routes (not per route): a team token, the super-user, or for
 * anonymous calls the client address. Runs after the AuthGuard, which has set the actor.
 */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as AuthenticatedRequest;
    return Promise.resolve(rateLimitTracker(request.actor, () => String(request.ip)));
  }

  protected override generateKey(_context: ExecutionContext, tracker: string): string {
    return rateLimitKey(tracker);
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
