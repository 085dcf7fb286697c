import { Injectable } from '@nestjs/common';

import type { TokenRole } from '../auth/actor';
import { PrismaService } from '../infra/database/prisma.service';
import type { Tx } from '../infra/database/transaction';
import type { ApiToken } from './token';

const TOKEN_INCLUDE = { team: { select: { slug: true } } } as const;

/** A token row with its team's slug (TOKEN_INCLUDE). */
type TokenRow = Omit<ApiToken, 'teamSlug'> & { team: { slug: string } };

@Injectable()
export class TokensRepository {
  constructor(private readonly prisma: PrismaService) {}

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
    return toToken(await tx.apiToken.create({ data: input, include: TOKEN_INCLUDE }));
  }

  async findBySecretHash(secretHash: string): Promise<ApiToken | null> {
    const row = await this.prisma.apiToken.findUnique({
      where: { secretHash },
      include: TOKEN_INCLUDE,
    });
    return row ? toToken(row) : null;
  }

  async findById(tx: Tx, teamId: number, id: string): Promise<ApiToken | null> {
    const row = await tx.apiToken.findFirst({ where: { id, teamId }, include: TOKEN_INCLUDE });
    return row ? toToken(row) : null;
  }

  async revoke(tx: Tx, id: string, at: Date): Promise<ApiToken> {
    return toToken(
      await tx.apiToken.update({ where: { id }, data: { revokedAt: at }, include: TOKEN_INCLUDE }),
    );
  }

  async list(teamId: number): Promise<ApiToken[]> {
    const rows = await this.prisma.apiToken.findMany({
      where: { teamId },
      orderBy: { createdAt: 'asc' },
      include: TOKEN_INCLUDE,
    });
    return rows.map(toToken);
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.prisma.apiToken.update({ where: { id }, data: { lastUsedAt: at } });
  }
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    teamId: row.teamId,
    teamSlug: row.team.slug,
    name: row.name,
    role: row.role,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}
