import { createHash, timingSafeEqual } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import type { Config } from '../config/config';
import { CONFIG } from '../config/config.module';
import { Lru } from '../domain/lru';
import { ADMIN_ACTOR, type Actor } from './actor';
import { TokenAuthenticator } from './token-authenticator';

/**
 * `Authorization: Bearer <token>` to an Actor: the ADMIN_TOKEN super-user or a team token. Used by
 * the AuthGuard and by the render fast path, so both accept exactly the same callers.
 */
@Injectable()
export class Authenticator {
  private readonly adminDigest?: Buffer;
  /**
   * Recent answers by exact header, for a second: the render hot path then skips hashing and
   * lookups, and a revoked token still stops working within that second.
   */
  private readonly recent = new Lru<{ actor: Actor | null; until: number }>(RECENT_CAPACITY);

  constructor(
    @Inject(CONFIG) config: Config,
    private readonly tokens: TokenAuthenticator,
  ) {
    if (config.adminToken !== undefined) this.adminDigest = digest(config.adminToken);
  }

  /** `undefined`: no bearer token at all; `null`: a token that is not valid. */
  async authenticate(header: string | undefined): Promise<Actor | null | undefined> {
    if (header === undefined) return undefined;
    const recent = this.recentAnswer(header);
    if (recent) return recent.actor;
    const secret = bearerToken(header);
    if (secret === undefined) return undefined;
    const now = Date.now();
    const actor = await this.verify(secret);
    this.recent.set(header, { actor, until: now + RECENT_TTL_MS });
    return actor;
  }

  /** The answer given for exactly this header within the last second, without waiting. */
  recentAnswer(header: string | undefined): { actor: Actor | null } | undefined {
    if (header === undefined) return undefined;
    const recent = this.recent.get(header);
    return recent && recent.until > Date.now() ? recent : undefined;
  }

  /** Forget recent answers at once (after a revocation in this process). */
  forget(): void {
    this.recent.clear();
  }

  private verify(secret: string): Promise<Actor | null> {
    // Compare digests in constant time: the comparison reveals nothing about the admin token.
    if (this.adminDigest && timingSafeEqual(digest(secret), this.adminDigest)) {
      return Promise.resolve(ADMIN_ACTOR);
    }
    return this.tokens.authenticate(secret);
  }
}

const RECENT_TTL_MS = 1000;
const RECENT_CAPACITY = 10_000;

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
