import { Injectable } from '@nestjs/common';

import { PrismaService } from '../infra/database/prisma.service';
import type { Tx } from '../infra/database/transaction';
import type { Team } from './team';

const TEAM_FIELDS = { id: true, slug: true, name: true, createdAt: true } as const;

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(tx: Tx, input: { slug: string; name: string }): Promise<Team> {
    const rows = await tx.query<Team>(
      `INSERT INTO teams (slug, name) VALUES ($1, $2)
       RETURNING id, slug, name, created_at AS "createdAt"`,
      [input.slug, input.name],
    );
    return rows[0];
  }

  findBySlug(slug: string): Promise<Team | null> {
    return this.prisma.team.findUnique({ where: { slug }, select: TEAM_FIELDS });
  }

  /** Ordered by id; `afterId` is the cursor. Fetches `limit` rows. */
  list(limit: number, afterId?: bigint, onlySlug?: string): Promise<Team[]> {
    return this.prisma.team.findMany({
      where: {
        id: afterId !== undefined ? { gt: Number(afterId) } : undefined,
        slug: onlySlug,
      },
      orderBy: { id: 'asc' },
      take: limit,
      select: TEAM_FIELDS,
    });
  }
}
