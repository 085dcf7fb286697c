import { Injectable } from '@nestjs/common';

import { type Tx, TransactionRunner } from '../infra/database/transaction';
import type { Team } from './team';

const TEAM_COLUMNS = 'id, slug, name, created_at AS "createdAt"';

@Injectable()
export class TeamsRepository {
  constructor(private readonly db: TransactionRunner) {}

  async create(tx: Tx, input: { slug: string; name: string }): Promise<Team> {
    const rows = await tx.query<Team>(
      `INSERT INTO teams (slug, name) VALUES ($1, $2) RETURNING ${TEAM_COLUMNS}`,
      [input.slug, input.name],
    );
    return rows[0];
  }

  async findBySlug(slug: string): Promise<Team | null> {
    const rows = await this.db.query<Team>(`SELECT ${TEAM_COLUMNS} FROM teams WHERE slug = $1`, [
      slug,
    ]);
    return rows[0] ?? null;
  }

  /** Ordered by id; `afterId` is the cursor. Fetches `limit` rows. */
  list(limit: number, afterId?: bigint, onlySlug?: string): Promise<Team[]> {
    return this.db.query<Team>(
      `SELECT ${TEAM_COLUMNS} FROM teams
       WHERE ($1::int8 IS NULL OR id > $1::int8) AND ($2::text IS NULL OR slug = $2)
       ORDER BY id LIMIT $3`,
      [afterId?.toString() ?? null, onlySlug ?? null, limit],
    );
  }
}
