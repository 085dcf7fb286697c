import { Injectable, Logger } from '@nestjs/common';

import type { Actor } from './actor';
import { CredentialsRepository } from './credentials.repository';
import { hashTokenSecret, TOKEN_PREFIX } from './token-secret';

/** `lastUsedAt` is a hint, written at most this often per token. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * A team token's secret to an Actor: found by the SHA-256 of the secret, refused when revoked or
 * expired. The Authenticator in front of it remembers answers for a second.
 */
@Injectable()
export class TokenAuthenticator {
  private readonly logger = new Logger('TokenAuthenticator');
  private readonly touchedAt = new Map<string, number>();

  constructor(private readonly credentials: CredentialsRepository) {}

  async authenticate(secret: string): Promise<Actor | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const token = await this.credentials.findBySecretHash(hashTokenSecret(secret));
    const now = Date.now();
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) {
      return null;
    }
    this.touch(token.tokenId, now);
    const { tokenId, tokenName, teamId, teamSlug, role } = token;
    return { kind: 'token', tokenId, tokenName, teamId, teamSlug, role };
  }

  private touch(tokenId: string, now: number): void {
    const last = this.touchedAt.get(tokenId) ?? 0;
    if (now - last < TOUCH_INTERVAL_MS) return;
    if (this.touchedAt.size > 10_000) this.touchedAt.clear();
    this.touchedAt.set(tokenId, now);
    this.credentials.touch(tokenId, new Date(now)).catch((error: unknown) => {
      this.logger.warn(`could not record lastUsedAt: ${(error as Error).message}`);
    });
  }
}
