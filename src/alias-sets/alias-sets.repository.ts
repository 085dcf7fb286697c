import { Injectable } from '@nestjs/common';

import { contentOf } from '../domain/alias-set';
import type { IncludeEdge } from '../domain/dependents';
import { type AliasSetContent, formatSetRef, type SetRef } from '../domain/host-alias';
import { SqlParams } from '../infra/database/sql-params';
import { type Tx, TransactionRunner } from '../infra/database/transaction';
import type { StoredAliasSet } from './alias-set';
import {
  type ChangeRecord,
  changeStatement,
  CLOSURE,
  CLOSURE_SETS,
  GRAPH_COLUMNS,
  INCLUDERS,
  MATCHING_REFS,
  refParams,
  SET_COLUMNS,
  SETS,
  type SetRow,
  toStored,
  type WrittenRow,
} from './alias-set.sql';

export interface ListFilter {
  team?: string;
  q?: string;
  /** Restrict to sets this token's team owns or that are shared. */
  visibleToTeam?: string;
  afterId?: bigint;
  limit: number;
}

/** A listed set: which one, and at which version. */
export interface ListedSet extends SetRef {
  id: number;
  version: number;
}

/** Include edges above some sets, and whether each including set is shared. */
export interface IncludersGraph {
  edges: IncludeEdge[];
  shared: Map<string, boolean>;
}

/** A node of the include graph: a set's id and what it includes. */
export interface GraphNode {
  id: number;
  includes: string[];
}

/**
 * Alias sets, their entries, includes and revisions: every statement in plain SQL (see
 * TransactionRunner), reads on their own, writes inside the writer's transaction.
 */
@Injectable()
export class AliasSetsRepository {
  constructor(private readonly db: TransactionRunner) {}

  /**
   * Prepared by name (a unique key: its plan never depends on the values), since every write
   * starts with it.
   */
  async findByRef(ref: SetRef): Promise<StoredAliasSet | null> {
    const rows = await this.db.autocommit.query<SetRow>(
      `SELECT ${SET_COLUMNS} FROM ${SETS} WHERE t.slug = $1 AND s.name = $2`,
      [ref.team, ref.name],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The sets of `refs` that exist (in no particular order). */
  async findManyByRef(refs: string[]): Promise<StoredAliasSet[]> {
    if (refs.length === 0) return [];
    const rows = await this.db.query<SetRow>(
      `SELECT ${SET_COLUMNS} FROM ${SETS} ${MATCHING_REFS}`,
      refParams(refs),
    );
    return rows.map(toStored);
  }

  /** Every set reachable from `refs` through includes, by `team/name`; missing refs are absent. */
  async loadClosure(refs: string[]): Promise<Map<string, StoredAliasSet>> {
    if (refs.length === 0) return new Map();
    const rows = await this.db.query<SetRow>(
      `${CLOSURE} SELECT ${SET_COLUMNS} FROM ${CLOSURE_SETS}`,
      refParams(refs),
    );
    return new Map(rows.map((row) => [formatSetRef(row), toStored(row)]));
  }

  /** The sets of `ids` that exist (in no particular order). */
  async findManyById(ids: number[]): Promise<StoredAliasSet[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<SetRow>(
      `SELECT ${SET_COLUMNS} FROM ${SETS} WHERE s.id = ANY($1::int[])`,
      [ids],
    );
    return rows.map(toStored);
  }

  /**
   * A page of sets, each as its id, version and reference only: what a list needs to tell the
   * sets it knows at that version from those it must read (AliasSetsService.list).
   */
  async list(filter: ListFilter): Promise<ListedSet[]> {
    const values: unknown[] = [];
    const value = (v: unknown) => `$${values.push(v)}`;
    const where: string[] = [];
    if (filter.team !== undefined) where.push(`t.slug = ${value(filter.team)}`);
    if (filter.visibleToTeam !== undefined) {
      where.push(`(s.shared OR t.slug = ${value(filter.visibleToTeam)})`);
    }
    if (filter.q !== undefined && filter.q !== '') {
      const pattern = value(`%${filter.q}%`);
      where.push(`(s.name ILIKE ${pattern} OR s.description ILIKE ${pattern}
        OR EXISTS (SELECT 1 FROM alias_entries e WHERE e.alias_set_id = s.id
          AND (${value(filter.q.toLowerCase())} = ANY (e.hostnames) OR e.ip = ${value(filter.q)})))`);
    }
    if (filter.afterId !== undefined) where.push(`s.id > ${value(Number(filter.afterId))}`);
    return this.db.query<ListedSet>(
      `SELECT s.id, s.version, t.slug AS team, s.name FROM ${SETS}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY s.id LIMIT ${value(filter.limit)}`,
      values,
    );
  }

  /** The set, its row locked until the transaction ends. */
  async lock(tx: Tx, ref: SetRef): Promise<StoredAliasSet | null> {
    const read = () =>
      tx.query<SetRow & { read_version: number }>(
        `SELECT ${SET_COLUMNS}, (SELECT s0.version FROM alias_sets s0 WHERE s0.id = s.id) AS read_version
         FROM ${SETS} WHERE t.slug = $1 AND s.name = $2 FOR UPDATE OF s`,
        [ref.team, ref.name],
      );
    let rows = await read();
    // After waiting for another writer's lock, PostgreSQL returns the row that writer committed,
    // but entries and includes as the statement first saw them (before that commit). The set's
    // version as first seen tells; the row is ours now, so a second read sees it all.
    if (rows[0] && rows[0].read_version !== rows[0].version) rows = await read();
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Sets with an entry expired at `now`, oldest expiry first, at most `limit`. */
  async withExpiredEntries(now: Date, limit: number): Promise<SetRef[]> {
    return this.db.query<SetRef>(
      `SELECT t.slug AS team, s.name FROM ${SETS}
       JOIN (SELECT alias_set_id, min(expires_at) AS first FROM alias_entries
             WHERE expires_at <= $1 GROUP BY alias_set_id) e ON e.alias_set_id = s.id
       ORDER BY e.first, s.id LIMIT $2`,
      [now, limit],
    );
  }

  /** Every set reachable from `refs` through includes (refs included), by `team/name`. */
  async includeGraph(tx: Tx, refs: string[]): Promise<Map<string, GraphNode>> {
    const rows = await tx.query<GraphNode & { ref: string }>(
      `${CLOSURE} SELECT ${GRAPH_COLUMNS} FROM ${CLOSURE_SETS}`,
      refParams(refs),
    );
    return new Map(rows.map(({ ref, ...node }) => [ref, node]));
  }

  /**
   * The include edges above `refs`: every set that includes one of them, directly or through
   * other sets, in one recursive query (`findDependents` walks the result). With a transaction,
   * it sees that transaction's writes; with the runner, the last committed state.
   */
  async includersGraph(q: Tx, refs: string[]): Promise<IncludersGraph> {
    if (refs.length === 0) return { edges: [], shared: new Map() };
    const rows = await q.query<{ includer: string; included: string; shared: boolean }>(
      INCLUDERS,
      refParams(refs),
    );
    return {
      edges: rows.map(({ includer, included }) => ({ includer, included })),
      shared: new Map(rows.map((row) => [row.includer, row.shared])),
    };
  }

  /** The new set with its content and `record`, in one statement. */
  async insert(
    tx: Tx,
    teamId: number,
    ref: SetRef,
    content: AliasSetContent,
    includeIds: number[],
    record: ChangeRecord,
  ): Promise<StoredAliasSet> {
    const p = new SqlParams();
    const written = `INSERT INTO alias_sets (team_id, name, description, shared, version)
      VALUES (${p.add(teamId)}, ${p.add(ref.name)}, ${p.add(content.description)},
        ${p.add(content.shared)}, 1)`;
    const entries = { entries: content.entries, includeIds };
    const sql = changeStatement(p, ref, written, entries, record);
    const [row] = await tx.query<WrittenRow>(sql, p.values);
    const { id, created_at: createdAt, updated_at: updatedAt } = row;
    return { id, teamId, ...ref, ...contentOf(content), version: 1, createdAt, updatedAt };
  }

  /**
   * Replaces the content, bumps the version and stores `record`, in one statement, only if the
   * set is still at the version read: the check-and-increment is one UPDATE, so two writers can
   * never both win, even across replicas. Null when the version moved on.
   */
  async replace(
    tx: Tx,
    existing: StoredAliasSet,
    content: AliasSetContent,
    includeIds: number[],
    record: ChangeRecord,
  ): Promise<StoredAliasSet | null> {
    const p = new SqlParams();
    const written = `UPDATE alias_sets SET description = ${p.add(content.description)},
        shared = ${p.add(content.shared)}, version = version + 1, updated_at = CURRENT_TIMESTAMP
      WHERE id = ${p.add(existing.id)} AND version = ${p.add(existing.version)}`;
    const entries = { entries: content.entries, includeIds };
    const sql = changeStatement(p, existing, written, entries, record);
    const [row] = await tx.query<WrittenRow>(sql, p.values);
    if (!row) return null;
    return { ...existing, ...contentOf(content), version: row.version, updatedAt: row.updated_at };
  }

  /**
   * Deletes the set (its entries and includes with it) and stores `record`, in one statement,
   * only if the set is still at the version read. False when the version moved on.
   */
  async delete(tx: Tx, existing: StoredAliasSet, record: ChangeRecord): Promise<boolean> {
    const p = new SqlParams();
    const written = `DELETE FROM alias_sets
      WHERE id = ${p.add(existing.id)} AND version = ${p.add(existing.version)}`;
    const rows = await tx.query(changeStatement(p, existing, written, null, record), p.values);
    return rows.length > 0;
  }

  /** Sets that include this one, with what it takes to decide who may see their names. */
  dependents(tx: Tx, id: number): Promise<{ team: string; name: string; shared: boolean }[]> {
    return tx.query<{ team: string; name: string; shared: boolean }>(
      `SELECT DISTINCT ON (s.id) t.slug AS team, s.name, s.shared
       FROM alias_set_includes i
       JOIN alias_sets s ON s.id = i.alias_set_id JOIN teams t ON t.id = s.team_id
       WHERE i.included_set_id = $1 ORDER BY s.id`,
      [id],
    );
  }
}
