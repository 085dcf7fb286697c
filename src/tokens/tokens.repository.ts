import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import type { TokenRole } from '../auth/actor';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import type { ApiToken } from './token';

/** A token row with its team's slug, in ApiToken's own field names. */
const TOKEN_COLUMNS = `k.id, k.team_id AS "teamId", t.slug AS "teamSlug", k.name, k.role,
  k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt",
  k.created_at AS "createdAt"`;

/** `SELECT ... FROM` a token set `k` (a table or a CTE) with its team. */
function selectTokens(from: string, where = ''): string {
  return `SELECT ${TOKEN_COLUMNS} FROM ${from} k JOIN teams t ON t.id = k.team_id ${where}`;
}

@Injectable()
export class TokensRepository {
  constructor(private readonly db: TransactionRunner) {}

  async create(
    tx: Tx,
    input: {
      teamId: number;
      name: string;
      role: TokenRole;
      secretHash: string;
      expiresAt: Date | null;
    },
  ): Promise<ApiToken> {
    const rows = await tx.query<ApiToken>(
      `WITH k AS (
         INSERT INTO api_tokens (id, team_id, name, role, secret_hash, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
       ${selectTokens('k')}`,
      [randomUUID(), input.teamId, input.name, input.role, input.secretHash, input.expiresAt],
    );
    return rows[0];
  }

  async findById(tx: Tx, teamId: number, id: string): Promise<ApiToken | null> {
    const rows = await tx.query<ApiToken>(
      selectTokens('api_tokens', 'WHERE k.id = $1 AND k.team_id = $2'),
      [id, teamId],
    );
    return rows[0] ?? null;
  }

  async revoke(tx: Tx, id: string, at: Date): Promise<ApiToken> {
    const rows = await tx.query<ApiToken>(
      `WITH k AS (UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 RETURNING *)
       ${selectTokens('k')}`,
      [id, at],
    );
    return rows[0];
  }

  list(teamId: number): Promise<ApiToken[]> {
    return this.db.query<ApiToken>(
      selectTokens('api_tokens', 'WHERE k.team_id = $1 ORDER BY k.created_at ASC'),
      [teamId],
    );
  }
}
