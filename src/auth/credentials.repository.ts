import { Injectable } from '@nestjs/common';

import { TransactionRunner } from '../infra/database/transaction';
import type { TokenRole } from './actor';

/** What authentication needs to know of a team token. */
export interface TokenCredential {
  tokenId: string;
  tokenName: string;
  teamId: number;
  teamSlug: string;
  role: TokenRole;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * Team tokens as authentication sees them: found by the SHA-256 of the secret, and when they
 * were last used. Managing tokens (create, list, revoke) is the tokens feature's business.
 */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly db: TransactionRunner) {}

  async findBySecretHash(secretHash: string): Promise<TokenCredential | null> {
    const rows = await this.db.query<TokenCredential>(
      `SELECT k.id AS "tokenId", k.name AS "tokenName", k.team_id AS "teamId",
         t.slug AS "teamSlug", k.role, k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt"
       FROM api_tokens k JOIN teams t ON t.id = k.team_id WHERE k.secret_hash = $1`,
      [secretHash],
    );
    return rows[0] ?? null;
  }

  async touch(tokenId: string, at: Date): Promise<void> {
    await this.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [tokenId, at]);
  }
}
