import { Injectable } from '@nestjs/common';

import { TransactionRunner } from '../infra/database/transaction';
import type { Revision, RevisionSummary } from './alias-set';

/** Stored revisions of alias sets, read-only: the writer stores them with the change. */
@Injectable()
export class RevisionsRepository {
  constructor(private readonly db: TransactionRunner) {}

  async listRevisions(
    setId: number,
    limit: number,
    beforeVersion?: number,
  ): Promise<RevisionSummary[]> {
    return this.db.query<RevisionSummary>(
      `SELECT version, created_at AS "createdAt", actor FROM revisions
       WHERE alias_set_id = $1 AND ($2::int IS NULL OR version < $2)
       ORDER BY version DESC LIMIT $3`,
      [setId, beforeVersion ?? null, limit],
    );
  }

  async findRevision(setId: number, version: number): Promise<Revision | null> {
    const rows = await this.db.query<Revision>(
      `SELECT version, created_at AS "createdAt", actor, snapshot FROM revisions
       WHERE alias_set_id = $1 AND version = $2`,
      [setId, version],
    );
    return rows[0] ?? null;
  }
}
