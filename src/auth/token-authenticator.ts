import { Injectable, Logger } from '@nestjs/common';

import { TokensRepository } from '../tokens/tokens.repository';
import type { Actor } from './actor';
import { hashTokenSecret, TOKEN_PREFIX } from './token-secret';

/** How long a token lookup is trusted: a revocation takes effect within this time. */
const CACHE_TTL_MS = 1000;
/** `lastUsedAt` is a hint, written at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;

interface CachedLookup {
  actor: Actor | null;
  expiresAt: number | null;
  cachedAt: number;
}

/** Resolves a team token's secret to an Actor, with a short cache off the hot path. */
@Injectable()
export class TokenAuthenticator {
  private readonly logger = new Logger('TokenAuthenticator');
  private readonly cache = new Map<string, CachedLookup>();
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly tokens: TokensRepository) {}

  async authenticate(secret: string): Promise<Actor | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const hash = hashTokenSecret(secret);
    const now = Date.now();
    let lookup = this.cache.get(hash);
    if (!lookup || now - lookup.cachedAt > CACHE_TTL_MS) {
      lookup = await this.lookup(hash, now);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, lookup);
    }
    if (!lookup.actor || (lookup.expiresAt !== null && lookup.expiresAt <= now)) return null;
    this.touch(lookup.actor, now);
    return lookup.actor;
  }

  /** Forget cached lookups at once (after a revocation in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  private async lookup(hash: string, now: number): Promise<CachedLookup> {
    const token = await this.tokens.findBySecretHash(hash);
    if (!token || token.revokedAt) return { actor: null, expiresAt: null, cachedAt: now };
    return {
      actor: {
        kind: 'token',
        tokenId: token.id,
        tokenName: token.name,
        teamId: token.teamId,
        teamSlug: token.teamSlug,
        role: token.role,
      },
      expiresAt: token.expiresAt?.getTime() ?? null,
      cachedAt: now,
    };
  }

  private touch(actor: Actor, now: number): void {
    if (actor.kind !== 'token') return;
    const last = this.touchedAt.get(actor.tokenId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(actor.tokenId, now);
    this.tokens.touch(actor.tokenId, new Date(now)).catch((error: unknown) => {
      this.logger.warn(`could not record lastUsedAt: ${(error as Error).message}`);
    });
  }
}
