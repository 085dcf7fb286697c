import {
  type AliasSetContent,
  type AliasSetSnapshot,
  formatSetRef,
  type SetRef,
} from '../domain/host-alias';
import { CHANGES_CHANNEL } from '../infra/database/change-feed';
import type { SqlParams } from '../infra/database/sql-params';
import { parseSetRef } from '../domain/validation';
import { normalizeEntries } from '../domain/alias-set';
import type { StoredAliasSet } from './alias-set';

/**
 * The SQL every alias-set statement is built from, written once: the columns of a set (`s`, its
 * team `t`) with its entries and includes, the join on `team/name` references, and the include
 * closure. Tables are those of prisma/schema.prisma; the e2e suite runs every statement.
 */

/** A set's includes as `team/name`, in order. */
const INCLUDES = `COALESCE((SELECT json_agg(t2.slug || '/' || s2.name ORDER BY i.position)
    FROM alias_set_includes i JOIN alias_sets s2 ON s2.id = i.included_set_id
    JOIN teams t2 ON t2.id = s2.team_id WHERE i.alias_set_id = s.id), '[]')`;

/** Everything StoredAliasSet holds, as one row per set. */
export const SET_COLUMNS = `s.id, s.team_id, t.slug AS team, s.name, s.description, s.shared,
  s.version, s.created_at, s.updated_at,
  COALESCE((SELECT json_agg(json_build_object('ip', e.ip, 'hostnames', e.hostnames,
      'clusters', COALESCE(e.clusters, '{}'),
      'expiresAt', to_char(e.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      ORDER BY e.position)
    FROM alias_entries e WHERE e.alias_set_id = s.id), '[]') AS entries,
  ${INCLUDES} AS includes`;

/** Sets `s` with their team `t`. */
export const SETS = 'alias_sets s JOIN teams t ON t.id = s.team_id';

/** Restricts `SETS` to the references given as `refParams` (two text arrays, $1 and $2). */
export const MATCHING_REFS = `JOIN unnest($1::text[], $2::text[]) AS r(team, name)
  ON r.team = t.slug AND r.name = s.name`;

/** Ids of the sets named by `refParams` and of every set they reach through includes. */
export const CLOSURE = `WITH RECURSIVE closure(id) AS (
    SELECT s.id FROM ${SETS} ${MATCHING_REFS}
    UNION
    SELECT i.included_set_id FROM alias_set_includes i JOIN closure c ON i.alias_set_id = c.id)`;

/** The sets of CLOSURE, as `s` with their team `t`. */
export const CLOSURE_SETS =
  'closure c JOIN alias_sets s ON s.id = c.id JOIN teams t ON t.id = s.team_id';

/**
 * The include edges above the sets named by `refParams`, with each including set's `shared`: every
 * set that includes one of them, directly or through other sets.
 */
export const INCLUDERS = `WITH RECURSIVE up(id) AS (
    SELECT s.id FROM ${SETS} ${MATCHING_REFS}
    UNION
    SELECT i.alias_set_id FROM alias_set_includes i JOIN up ON i.included_set_id = up.id)
  SELECT t.slug || '/' || s.name AS includer, s.shared, t2.slug || '/' || s2.name AS included
  FROM up JOIN alias_set_includes i ON i.included_set_id = up.id
  JOIN alias_sets s ON s.id = i.alias_set_id JOIN teams t ON t.id = s.team_id
  JOIN alias_sets s2 ON s2.id = i.included_set_id JOIN teams t2 ON t2.id = s2.team_id`;

/** A set's own columns and its includes, without entries: enough to walk the include graph. */
export const GRAPH_COLUMNS = `s.id, t.slug || '/' || s.name AS ref, ${INCLUDES} AS includes`;

/** The two parameters of MATCHING_REFS; strings that are not references match nothing. */
export function refParams(refs: Iterable<string>): [string[], string[]] {
  const parsed = [...refs].map(parseSetRef).filter((ref): ref is SetRef => ref !== null);
  return [parsed.map((ref) => ref.team), parsed.map((ref) => ref.name)];
}

/** A row of SET_COLUMNS. */
export interface SetRow {
  id: number;
  team_id: number;
  team: string;
  name: string;
  description: string;
  shared: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  entries: { ip: string; hostnames: string[]; clusters: string[]; expiresAt: string | null }[];
  includes: string[];
}

export function toStored(row: SetRow): StoredAliasSet {
  return {
    id: row.id,
    teamId: row.team_id,
    team: row.team,
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

/**
 * What commits with a change of a set, in the change's one statement: its revision (none for a
 * delete), the NOTIFY that tells every replica, and the caller's own parts (`name AS (...)`
 * CTEs, e.g. the audit event), each writing once per row of `from` (the set's row as written:
 * nothing when the change wrote nothing).
 */
export interface ChangeRecord {
  revision: { snapshot: AliasSetSnapshot; actor: string } | null;
  parts: (params: SqlParams, from: string) => string[];
}

/** A row of `written`: the set's row as the change left it. */
export interface WrittenRow {
  id: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * One statement for a whole change: `written` (the set's INSERT, UPDATE or DELETE, returning
 * WrittenRow's columns), the content's rows when `content` is given, the revision, the caller's
 * parts, and the NOTIFY. Every part writes from `written`'s row: when `written` matched no row
 * (the version moved on), the statement writes nothing and returns no row, so it needs no
 * transaction of its own.
 */
export function changeStatement(
  params: SqlParams,
  ref: SetRef,
  written: string,
  content: { entries: AliasSetContent['entries']; includeIds: number[] } | null,
  record: ChangeRecord,
): string {
  const parts = [`written AS (${written} RETURNING id, version, created_at, updated_at)`];
  if (content) parts.push(...contentParts(params, content.entries, content.includeIds));
  if (record.revision) {
    const { snapshot, actor } = record.revision;
    parts.push(`revision AS (INSERT INTO revisions (alias_set_id, version, snapshot, actor)
      SELECT id, version, ${params.json(snapshot)}, ${params.add(actor)}
      FROM written)`);
  }
  parts.push(...record.parts(params, 'written'));
  const notify = `pg_notify(${params.add(CHANGES_CHANNEL)}, ${params.add(formatSetRef(ref))})`;
  return `WITH ${parts.join(',\n')}
    SELECT id, version, created_at, updated_at, ${notify} IS NULL AS notified FROM written`;
}

/**
 * The set's entries and includes become exactly `entries` and `includeIds`: rows at a position
 * that exists are updated in place, new positions inserted, positions beyond the end deleted
 * (delete-then-insert of the same position cannot share a statement: the unique index would see
 * both).
 */
function contentParts(
  params: SqlParams,
  entries: AliasSetContent['entries'],
  includeIds: number[],
): string[] {
  const rows = entries.map((entry, position) => ({
    position,
    ip: entry.ip,
    hostnames: entry.hostnames,
    clusters: entry.clusters ?? [],
    expires_at: entry.expiresAt ?? null,
  }));
  const parts = [
    `entries_gone AS (DELETE FROM alias_entries WHERE alias_set_id = (SELECT id FROM written)
      AND position >= ${params.add(rows.length)})`,
    `includes_gone AS (DELETE FROM alias_set_includes
      WHERE alias_set_id = (SELECT id FROM written) AND position >= ${params.add(includeIds.length)})`,
  ];
  if (rows.length > 0) {
    parts.push(`entries AS (
      INSERT INTO alias_entries (alias_set_id, position, ip, hostnames, clusters, expires_at)
      SELECT w.id, e.position, e.ip, e.hostnames, e.clusters, e.expires_at
      FROM written w, json_to_recordset(${params.add(JSON.stringify(rows))}::json)
        AS e(position int, ip text, hostnames text[], clusters text[], expires_at timestamptz)
      ON CONFLICT (alias_set_id, position) DO UPDATE SET ip = EXCLUDED.ip,
        hostnames = EXCLUDED.hostnames, clusters = EXCLUDED.clusters,
        expires_at = EXCLUDED.expires_at)`);
  }
  if (includeIds.length > 0) {
    parts.push(`includes AS (
      INSERT INTO alias_set_includes (alias_set_id, position, included_set_id)
      SELECT w.id, i.ordinality - 1, i.id
      FROM written w, unnest(${params.add(includeIds)}::int[]) WITH ORDINALITY AS i(id, ordinality)
      ON CONFLICT (alias_set_id, position) DO UPDATE SET included_set_id = EXCLUDED.included_set_id)`);
  }
  return parts;
}
