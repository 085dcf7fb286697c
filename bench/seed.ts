import { Client } from 'pg';

import { migrate } from '../src/infra/database/migrator';

/** The data set every run gets; see bench/README.md for what it stands for. */
export const SEED = {
  teams: 200,
  setsPerTeam: 50,
  entriesPerSet: 10,
  clusters: ['eu-prod', 'us-prod', 'ap-prod', 'eu-staging', 'us-staging'],
} as const;

export interface SeedCounts {
  teams: number;
  clusters: number;
  aliasSets: number;
  sharedSets: number;
  entries: number;
  scopedEntries: number;
  revisions: number;
  auditEvents: number;
}

export interface SeedReport {
  counts: SeedCounts;
  /** Seconds per step, in order. */
  steps: [string, number][];
  databaseSize: string;
}

/** Audit events are inserted in slices so progress shows and no statement holds 1M rows. */
const AUDIT_BATCH = 100_000;

export const TEAMS_SQL = `
INSERT INTO teams (id, slug, name, created_at)
SELECT t, format('team-%s', lpad(t::text, 3, '0')), format('Team %s', t), now() - interval '400 days'
  FROM generate_series(1, $1::int) AS t`;

export const CLUSTERS_SQL = `
INSERT INTO clusters (name, description, labels)
SELECT name, format('Kubernetes cluster %s', name),
       jsonb_build_object('env', split_part(name, '-', 2), 'region', split_part(name, '-', 1))
  FROM unnest($1::text[]) AS name`;

// ~30 % shared (ids ending in 0, 1 or 2); creation dates spread over the last 400 days.
const SETS_SQL = `
INSERT INTO alias_sets (id, team_id, name, description, shared, version, created_at, updated_at)
SELECT id, t, format('set-%s', lpad(s::text, 2, '0')),
       format('Hosts of service %s of team %s', s, t), id % 10 < 3, 1,
       now() - (400 - id / 25) * interval '1 day', now() - (400 - id / 25) * interval '1 day'
  FROM generate_series(1, $1::int) AS t,
       generate_series(1, $2::int) AS s,
       LATERAL (SELECT (t - 1) * $2::int + s AS id) AS k`;

/*
 * Per set, 10 entries with addresses unique to the set (10.<id/256>.<id%256>.<pos+1>, one IPv6):
 * positions 0-7 unscoped with 1-3 hostnames each; position 8 scoped to one cluster with a hostname
 * of its own; position 9 scoped to two clusters and remapping position 0's first hostname (the
 * cluster override of SPEC section 3). Hostnames embed team and set, so any sets combine without
 * conflicts.
 */
export const ENTRIES_SQL = `
INSERT INTO alias_entries (alias_set_id, position, ip, hostnames, clusters)
SELECT s.id, p,
       CASE WHEN p = 7 THEN format('fd00:10:%s::%s', to_hex(s.id), p + 1)
            ELSE format('10.%s.%s.%s', s.id / 256, s.id % 256, p + 1) END,
       CASE WHEN p = 9 THEN ARRAY[format('svc0.%s.%s.corp.example', s.name, t.slug)]
            ELSE ARRAY(SELECT format('%ssvc%s.%s.%s.corp.example',
                                     CASE WHEN k = 1 THEN '' ELSE format('alt%s-', k) END,
                                     p, s.name, t.slug)
                         FROM generate_series(1, p % 3 + 1) AS k ORDER BY k) END,
       CASE WHEN p = 8 THEN ARRAY[($2::text[])[s.id % 5 + 1]]
            WHEN p = 9 THEN ARRAY[($2::text[])[s.id % 5 + 1], ($2::text[])[(s.id + 1) % 5 + 1]]
            ELSE ARRAY[]::text[] END
  FROM alias_sets s
  JOIN teams t ON t.id = s.team_id,
       generate_series(0, $1::int - 1) AS p`;

/** Version 1 of every set, in the JSON shape the service writes (`clusters` only when scoped). */
export const REVISIONS_SQL = `
INSERT INTO revisions (alias_set_id, version, snapshot, created_at, actor)
SELECT s.id, 1,
       jsonb_build_object(
         'team', t.slug, 'name', s.name, 'description', s.description, 'shared', s.shared,
         'entries', (SELECT jsonb_agg(CASE WHEN cardinality(e.clusters) > 0
                                           THEN jsonb_build_object('ip', e.ip, 'hostnames', to_jsonb(e.hostnames), 'clusters', to_jsonb(e.clusters))
                                           ELSE jsonb_build_object('ip', e.ip, 'hostnames', to_jsonb(e.hostnames)) END
                                      ORDER BY e.position)
                       FROM alias_entries e WHERE e.alias_set_id = s.id),
         'includes', '[]'::jsonb, 'version', 1),
       s.created_at, 'admin'
  FROM alias_sets s JOIN teams t ON t.id = s.team_id`;

/*
 * One slice of the audit history, oldest first (ids and times rise together over 365 days).
 * Events hop over all sets ((g * 7919) % sets), so every team has its share; actions: 5 % create,
 * 83 % update, 3 % rollback, 1 % delete, 6 % token.create, 2 % token.revoke; 30 % by the
 * super-user, the rest by each team's CI token; 20 % via GraphQL. Set events carry full before
 * and after snapshots, as the writer records them.
 */
const AUDIT_SQL = `
INSERT INTO audit_events (at, actor_type, actor_id, actor_name, actor_team, action, target_type,
                          target_ref, team, version, before, after, via, request_id)
SELECT now() - interval '365 days' + (g::float8 / $3::float8) * interval '365 days',
       CASE WHEN g % 10 < 3 THEN 'admin' ELSE 'token' END,
       CASE WHEN g % 10 < 3 THEN NULL ELSE md5('token-' || t.id)::uuid::text END,
       CASE WHEN g % 10 < 3 THEN 'admin' ELSE 'ci-deploy' END,
       CASE WHEN g % 10 < 3 THEN NULL ELSE t.slug END,
       a.action,
       CASE WHEN a.action LIKE 'token.%' THEN 'token' ELSE 'alias_set' END,
       CASE WHEN a.action LIKE 'token.%' THEN md5('issued-' || g)::uuid::text
            ELSE t.slug || '/' || s.name END,
       t.slug,
       CASE WHEN a.action LIKE 'token.%' THEN NULL ELSE 1 + g / 10000 END,
       CASE WHEN a.action IN ('alias_set.update', 'alias_set.rollback', 'alias_set.delete')
            THEN r.snapshot || jsonb_build_object('version', g / 10000)
            WHEN a.action = 'token.revoke' THEN jsonb_build_object('name', 'ci-' || g % 97, 'role', 'editor')
            ELSE NULL END,
       CASE WHEN a.action IN ('alias_set.create', 'alias_set.update', 'alias_set.rollback')
            THEN r.snapshot || jsonb_build_object('version', 1 + g / 10000)
            WHEN a.action = 'token.create' THEN jsonb_build_object('name', 'ci-' || g % 97, 'role', 'editor')
            ELSE NULL END,
       CASE WHEN g % 5 = 0 THEN 'graphql' ELSE 'rest' END,
       md5('request-' || g)::uuid::text
  FROM generate_series($1::int, $2::int) AS g
  JOIN alias_sets s ON s.id = (g::bigint * 7919) % $4::int + 1
  JOIN teams t ON t.id = s.team_id
  JOIN revisions r ON r.alias_set_id = s.id AND r.version = 1,
       LATERAL (SELECT CASE WHEN g % 100 < 5 THEN 'alias_set.create'
                            WHEN g % 100 < 88 THEN 'alias_set.update'
                            WHEN g % 100 < 91 THEN 'alias_set.rollback'
                            WHEN g % 100 < 92 THEN 'alias_set.delete'
                            WHEN g % 100 < 98 THEN 'token.create'
                            ELSE 'token.revoke' END AS action) AS a`;

/**
 * Migrates (the app's own migrator, so `_prisma_migrations` is filled as in production) and
 * seeds an EMPTY database with plain SQL: a handful of set-based statements, no HTTP.
 */
export async function seedDatabase(
  databaseUrl: string,
  auditEvents: number,
  log: (line: string) => void = () => {},
): Promise<SeedReport> {
  const steps: [string, number][] = [];
  const step = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    steps.push([name, seconds]);
    log(`  ${name}: ${seconds.toFixed(1)} s`);
    return result;
  };

  await step('migrate', () => migrate(databaseUrl));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM alias_sets');
    if (Number(rows[0]?.n) > 0) throw new Error('seedDatabase needs an empty database');
    // Losing the seed in a crash is fine: it is regenerated every run.
    await client.query('SET synchronous_commit = off');
    const sets = SEED.teams * SEED.setsPerTeam;
    await step('teams, clusters, alias sets, entries, revisions', async () => {
      await client.query('BEGIN');
      await client.query(TEAMS_SQL, [SEED.teams]);
      await client.query(CLUSTERS_SQL, [SEED.clusters]);
      await client.query(SETS_SQL, [SEED.teams, SEED.setsPerTeam]);
      await client.query(ENTRIES_SQL, [SEED.entriesPerSet, SEED.clusters]);
      await client.query(REVISIONS_SQL);
      // Explicit ids above: move the sequences past them so the service's inserts do not collide.
      for (const table of ['teams', 'alias_sets']) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`,
        );
      }
      await client.query('COMMIT');
    });
    await step(`${auditEvents.toLocaleString('en')} audit events`, async () => {
      for (let from = 1; from <= auditEvents; from += AUDIT_BATCH) {
        const to = Math.min(from + AUDIT_BATCH - 1, auditEvents);
        await client.query(AUDIT_SQL, [from, to, auditEvents, sets]);
      }
    });
    // What autovacuum would have done by now, so it does not start in the middle of a scenario.
    await step('vacuum analyze + checkpoint', async () => {
      await client.query('VACUUM (ANALYZE)');
      await client.query('CHECKPOINT').catch(() => {}); // needs a superuser; fine without
    });
    return { counts: await countRows(client), steps, databaseSize: await databaseSize(client) };
  } finally {
    await client.end();
  }
}

async function countRows(client: Client): Promise<SeedCounts> {
  const { rows } = await client.query<Record<keyof SeedCounts, string>>(`
    SELECT (SELECT count(*) FROM teams) AS "teams",
           (SELECT count(*) FROM clusters) AS "clusters",
           (SELECT count(*) FROM alias_sets) AS "aliasSets",
           (SELECT count(*) FROM alias_sets WHERE shared) AS "sharedSets",
           (SELECT count(*) FROM alias_entries) AS "entries",
           (SELECT count(*) FROM alias_entries WHERE cardinality(clusters) > 0) AS "scopedEntries",
           (SELECT count(*) FROM revisions) AS "revisions",
           (SELECT count(*) FROM audit_events) AS "auditEvents"`);
  const row = rows[0];
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]),
  ) as unknown as SeedCounts;
}

async function databaseSize(client: Client): Promise<string> {
  const { rows } = await client.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  return rows[0]?.size ?? '?';
}

/** Three readable sets of three teams for the render scenarios: two shared, one private. */
export async function pickRenderSets(databaseUrl: string): Promise<string[]> {
  return query(databaseUrl, async (client) => {
    const { rows } = await client.query<{ ref: string }>(`
      (SELECT t.slug || '/' || s.name AS ref FROM alias_sets s JOIN teams t ON t.id = s.team_id
        WHERE t.slug = 'team-007' AND s.shared ORDER BY s.id LIMIT 1)
      UNION ALL
      (SELECT t.slug || '/' || s.name FROM alias_sets s JOIN teams t ON t.id = s.team_id
        WHERE t.slug = 'team-042' AND s.shared ORDER BY s.id LIMIT 1)
      UNION ALL
      (SELECT t.slug || '/' || s.name FROM alias_sets s JOIN teams t ON t.id = s.team_id
        WHERE t.slug = 'team-123' AND NOT s.shared ORDER BY s.id LIMIT 1)`);
    if (rows.length !== 3) throw new Error('the seed has no sets to render');
    return rows.map((row) => row.ref);
  });
}

export interface WriteTarget {
  team: string;
  name: string;
  /** PUT bodies: two different contents to alternate between, both unlike the seeded one. */
  bodies: [string, string];
}

/**
 * `count` sets spread over all teams, each with two variants of its current content (entry 0's
 * address moved to .101 or .102), so alternating them makes every PUT a real change.
 */
export async function pickWriteTargets(databaseUrl: string, count: number): Promise<WriteTarget[]> {
  return query(databaseUrl, async (client) => {
    const { rows } = await client.query<{
      team: string;
      name: string;
      description: string;
      shared: boolean;
      entries: { ip: string; hostnames: string[]; clusters: string[] }[];
    }>(
      `SELECT t.slug AS team, s.name, s.description, s.shared,
              json_agg(json_build_object('ip', e.ip, 'hostnames', e.hostnames, 'clusters', e.clusters)
                       ORDER BY e.position) AS entries
         FROM alias_sets s
         JOIN teams t ON t.id = s.team_id
         JOIN alias_entries e ON e.alias_set_id = s.id
        WHERE s.id % (SELECT greatest(1, count(*) / $1) FROM alias_sets) = 0
        GROUP BY s.id, t.slug
        ORDER BY s.id
        LIMIT $1`,
      [count],
    );
    return rows.map((row) => {
      const variant = (lastOctet: number) => {
        const entries = row.entries.map((entry, i) => ({
          ip: i === 0 ? entry.ip.replace(/\.\d+$/, `.${lastOctet}`) : entry.ip,
          hostnames: entry.hostnames,
          ...(entry.clusters.length > 0 ? { clusters: entry.clusters } : {}),
        }));
        return JSON.stringify({ description: row.description, shared: row.shared, entries });
      };
      return { team: row.team, name: row.name, bodies: [variant(101), variant(102)] };
    });
  });
}

/** Hands out PUTs round-robin over the targets, alternating each target's two bodies. */
export class WriteSequence {
  private counter = 0;
  private readonly visits: number[];

  constructor(private readonly targets: WriteTarget[]) {
    this.visits = targets.map(() => 0);
  }

  next(): { path: string; body: string } {
    const i = this.counter++ % this.targets.length;
    const target = this.targets[i];
    this.visits[i] += 1;
    const body = target.bodies[this.visits[i] % 2];
    return { path: `/api/v1/alias-sets/${target.team}/${target.name}`, body };
  }
}

export async function query<T>(databaseUrl: string, work: (client: Client) => Promise<T>) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
