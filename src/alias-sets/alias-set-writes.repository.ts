import { Injectable } from '@nestjs/common';

import type { IncludeEdge } from '../domain/dependents';
import type { AliasEntry, AliasSetSnapshot } from '../domain/host-alias';
import { CHANGES_CHANNEL } from '../infra/database/change-feed';
import type { SqlTx } from '../infra/database/sql-transaction';
import { type AliasSetContent, normalizeEntries, type StoredAliasSet } from './alias-set';

interface SetRow {
  id: number;
  team_id: number;
  name: string;
  description: string;
  shared: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  entries: { ip: string; hostnames: string[]; clusters: string[] }[];
  includes: string[];
}

/** Include edges above some sets, and whether each including set is shared. */
export interface IncludersGraph {
  edges: IncludeEdge[];
  shared: Map<string, boolean>;
}

/**
 * The statements of an alias-set write, in plain SQL inside one SqlTx: each costs a tenth of a
 * Prisma call, and a write needs about ten. The tables are those of prisma/schema.prisma; the
 * e2e suite checks these statements and the Prisma reads agree.
 */
@Injectable()
export class AliasSetWritesRepository {
  /** The set of this team with this name, its row locked until the transaction ends. */
  async lock(
    tx: SqlTx,
    team: { id: number; slug: string },
    name: string,
  ): Promise<StoredAliasSet | null> {
    const rows = await tx.query<SetRow>(
      `SELECT s.id, s.team_id, s.name, s.description, s.shared, s.version, s.created_at, s.updated_at,
         COALESCE((SELECT json_agg(json_build_object('ip', e.ip, 'hostnames', e.hostnames,
                     'clusters', COALESCE(e.clusters, '{}')) ORDER BY e.position)
                   FROM alias_entries e WHERE e.alias_set_id = s.id), '[]') AS entries,
         COALESCE((SELECT json_agg(t2.slug || '/' || s2.name ORDER BY i.position)
                   FROM alias_set_includes i
                   JOIN alias_sets s2 ON s2.id = i.included_set_id
                   JOIN teams t2 ON t2.id = s2.team_id
                   WHERE i.alias_set_id = s.id), '[]') AS includes
       FROM alias_sets s WHERE s.team_id = $1 AND s.name = $2
       FOR UPDATE OF s`,
      [team.id, name],
    );
    const row = rows[0];
    return row ? toStored(row, team.slug) : null;
  }

  /** Ids of existing sets by `team/name`. */
  async idsByRef(tx: SqlTx, refs: string[]): Promise<Map<string, number>> {
    const rows = await tx.query<{ id: number; ref: string }>(
      `SELECT s.id, t.slug || '/' || s.name AS ref
       FROM alias_sets s JOIN teams t ON t.id = s.team_id
       JOIN unnest($1::text[], $2::text[]) AS r(team, name) ON r.team = t.slug AND r.name = s.name`,
      splitRefs(refs),
    );
    return new Map(rows.map((row) => [row.ref, row.id]));
  }

  /** Every set reachable from `refs` through includes, with its includes (for cycle checks). */
  async includeGraph(tx: SqlTx, refs: string[]): Promise<Map<string, string[]>> {
    const rows = await tx.query<{ ref: string; includes: string[] }>(
      `WITH RECURSIVE closure(id) AS (
         SELECT s.id FROM alias_sets s JOIN teams t ON t.id = s.team_id
           JOIN unnest($1::text[], $2::text[]) AS r(team, name) ON r.team = t.slug AND r.name = s.name
         UNION
         SELECT i.included_set_id FROM alias_set_includes i JOIN closure c ON i.alias_set_id = c.id)
       SELECT t.slug || '/' || s.name AS ref,
         COALESCE((SELECT array_agg(t2.slug || '/' || s2.name ORDER BY i.position)
                   FROM alias_set_includes i JOIN alias_sets s2 ON s2.id = i.included_set_id
                   JOIN teams t2 ON t2.id = s2.team_id WHERE i.alias_set_id = s.id), '{}') AS includes
       FROM closure c JOIN alias_sets s ON s.id = c.id JOIN teams t ON t.id = s.team_id`,
      splitRefs(refs),
    );
    return new Map(rows.map((row) => [row.ref, row.includes]));
  }

  async insert(
    tx: SqlTx,
    team: { id: number; slug: string },
    name: string,
    content: AliasSetContent,
    includeIds: number[],
  ): Promise<StoredAliasSet> {
    const rows = await tx.query<{ id: number; created_at: Date; updated_at: Date }>(
      `INSERT INTO alias_sets (team_id, name, description, shared, version)
       VALUES ($1, $2, $3, $4, 1) RETURNING id, created_at, updated_at`,
      [team.id, name, content.description, content.shared],
    );
    const row = rows[0];
    await this.insertEntries(tx, row.id, content.entries);
    await this.insertIncludes(tx, row.id, includeIds);
    return {
      id: row.id,
      teamId: team.id,
      team: team.slug,
      name,
      ...copyContent(content),
      version: 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * Replaces the content and bumps the version only if it is still the version read: the
   * check-and-increment is one UPDATE, so two writers can never both win, even across replicas.
   */
  async replace(
    tx: SqlTx,
    existing: StoredAliasSet,
    content: AliasSetContent,
    includeIds: number[],
  ): Promise<StoredAliasSet | null> {
    // The old entries and includes go in the same statement, and only if the version matched.
    const rows = await tx.query<{ version: number; updated_at: Date }>(
      `WITH updated AS (
         UPDATE alias_sets SET description = $3, shared = $4, version = version + 1,
           updated_at = CURRENT_TIMESTAMP
         WHERE id = $1 AND version = $2 RETURNING version, updated_at),
       entries_gone AS (
         DELETE FROM alias_entries WHERE alias_set_id = $1 AND EXISTS (SELECT 1 FROM updated)),
       includes_gone AS (
         DELETE FROM alias_set_includes WHERE alias_set_id = $1 AND EXISTS (SELECT 1 FROM updated))
       SELECT version, updated_at FROM updated`,
      [existing.id, existing.version, content.description, content.shared],
    );
    const row = rows[0];
    if (!row) return null;
    await this.insertEntries(tx, existing.id, content.entries);
    await this.insertIncludes(tx, existing.id, includeIds);
    return {
      ...existing,
      ...copyContent(content),
      version: row.version,
      updatedAt: row.updated_at,
    };
  }

  async delete(tx: SqlTx, id: number): Promise<void> {
    await tx.query('DELETE FROM alias_sets WHERE id = $1', [id]);
  }

  /** Sets that include this one, with what it takes to decide who may see their names. */
  async dependents(
    tx: SqlTx,
    id: number,
  ): Promise<{ team: string; name: string; shared: boolean }[]> {
    return tx.query<{ team: string; name: string; shared: boolean }>(
      `SELECT DISTINCT ON (s.id) t.slug AS team, s.name, s.shared
       FROM alias_set_includes i JOIN alias_sets s ON s.id = i.alias_set_id
       JOIN teams t ON t.id = s.team_id
       WHERE i.included_set_id = $1 ORDER BY s.id`,
      [id],
    );
  }

  /**
   * The include edges above `refs`: every set that includes one of them, directly or through
   * other sets, in one recursive query (`findDependents` walks the result). With a transaction,
   * it sees that transaction's writes; with the runner, the last committed state.
   */
  async includersGraph(q: SqlTx, refs: string[]): Promise<IncludersGraph> {
    if (refs.length === 0) return { edges: [], shared: new Map() };
    const rows = await q.query<{ includer: string; included: string; shared: boolean }>(
      `WITH RECURSIVE up(id) AS (
         SELECT s.id FROM alias_sets s JOIN teams t ON t.id = s.team_id
           JOIN unnest($1::text[], $2::text[]) AS r(team, name) ON r.team = t.slug AND r.name = s.name
         UNION
         SELECT i.alias_set_id FROM alias_set_includes i JOIN up ON i.included_set_id = up.id)
       SELECT t.slug || '/' || s.name AS includer, s.shared,
         t2.slug || '/' || s2.name AS included
       FROM up JOIN alias_set_includes i ON i.included_set_id = up.id
       JOIN alias_sets s ON s.id = i.alias_set_id JOIN teams t ON t.id = s.team_id
       JOIN alias_sets s2 ON s2.id = i.included_set_id JOIN teams t2 ON t2.id = s2.team_id`,
      splitRefs(refs),
    );
    return {
      edges: rows.map(({ includer, included }) => ({ includer, included })),
      shared: new Map(rows.map((row) => [row.includer, row.shared])),
    };
  }

  /**
   * Stores the revision and tells every replica, once the transaction commits, that the set
   * changed: one statement.
   */
  async insertRevisionAndNotify(
    tx: SqlTx,
    setId: number,
    snapshot: AliasSetSnapshot,
    actor: string,
  ): Promise<void> {
    await tx.query(
      `WITH revision AS (
         INSERT INTO revisions (alias_set_id, version, snapshot, actor) VALUES ($1, $2, $3, $4))
       SELECT pg_notify($5, $6)`,
      [setId, snapshot.version, JSON.stringify(snapshot), actor, CHANGES_CHANNEL, ref(snapshot)],
    );
  }

  /** Tells every replica, once the transaction commits, that this set changed. */
  async notifyChanged(tx: SqlTx, setRef: string): Promise<void> {
    await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, setRef]);
  }

  private async insertEntries(tx: SqlTx, setId: number, entries: AliasEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO alias_entries (alias_set_id, position, ip, hostnames, clusters)
       SELECT $1, e.position, e.ip, e.hostnames, e.clusters
       FROM json_to_recordset($2::json) AS e(position int, ip text, hostnames text[], clusters text[])`,
      [
        setId,
        JSON.stringify(
          entries.map((entry, position) => ({
            position,
            ip: entry.ip,
            hostnames: entry.hostnames,
            clusters: entry.clusters ?? [],
          })),
        ),
      ],
    );
  }

  private async insertIncludes(tx: SqlTx, setId: number, includeIds: number[]): Promise<void> {
    if (includeIds.length === 0) return;
    await tx.query(
      `INSERT INTO alias_set_includes (alias_set_id, position, included_set_id)
       SELECT $1, i.ordinality - 1, i.id FROM unnest($2::int[]) WITH ORDINALITY AS i(id, ordinality)`,
      [setId, includeIds],
    );
  }
}

function ref(set: { team: string; name: string }): string {
  return `${set.team}/${set.name}`;
}

function splitRefs(refs: string[]): [string[], string[]] {
  const pairs = refs.map((ref) => ref.split('/'));
  return [pairs.map((p) => p[0] ?? ''), pairs.map((p) => p[1] ?? '')];
}

function copyContent(content: AliasSetContent): AliasSetContent {
  return {
    description: content.description,
    shared: content.shared,
    entries: normalizeEntries(content.entries),
    includes: [...content.includes],
  };
}

function toStored(row: SetRow, teamSlug: string): StoredAliasSet {
  return {
    id: row.id,
    teamId: row.team_id,
    team: teamSlug,
    name: row.name,
    description: row.description,
    shared: row.shared,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    entries: normalizeEntries(row.entries),
    includes: row.includes,
  };
}
