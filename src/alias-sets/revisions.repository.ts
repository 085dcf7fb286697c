import { Injectable } from '@nestjs/common';

import { TransactionRunner } from '../infra/database/transaction';
import type { Revision, RevisionSummary } from './alias-set';

/**
 * Which versions a caller may see: all of them (the owner team, the super-user) or only those
 * written while the set was shared (another team), as each version's snapshot records.
 */
export type RevisionScope = 'all' | 'shared';

/** Stored revisions of alias sets, read-only: the writer stores them with the change. */
@Injectable()
export class RevisionsRepository {
  constructor(private readonly db: TransactionRunner) {}

  async listRevisions(
    setId: number,
    scope: RevisionScope,
    limit: number,
    beforeVersion?: number,
  ): Promise<RevisionSummary[]> {
    return this.db.query<RevisionSummary>(
      `SELECT version, created_at AS "createdAt", actor FROM revisions
       WHERE alias_set_id = $1 AND ($2::int IS NULL OR version < $2) AND ${visibleIn('$4')}
       ORDER BY version DESC LIMIT $3`,
      [setId, beforeVersion ?? null, limit, scope === 'shared'],
    );
  }

  async findRevision(
    setId: number,
    scope: RevisionScope,
    version: number,
  ): Promise<Revision | null> {
    const rows = await this.db.query<Revision>(
      `SELECT version, created_at AS "createdAt", actor, snapshot FROM revisions
       WHERE alias_set_id = $1 AND version = $2 AND ${visibleIn('$3')}`,
      [setId, version, scope === 'shared'],
    );
    return rows[0] ?? null;
  }
}

/** The scope's filter; `sharedOnly` is the parameter that is true for the `shared` scope. */
function visibleIn(sharedOnly: string): string {
  return `(NOT ${sharedOnly}::boolean OR COALESCE((snapshot->>'shared')::boolean, false))`;
}
