import { Client } from 'pg';

import { migrate } from '../src/infra/database/migrator';
import { adminQuery, withDatabase } from './database';
import { runLoad, type LoadResult } from './load';
import type { Target } from './report';
import {
  CLUSTERS_SQL,
  ENTRIES_SQL,
  pickRenderSets,
  pickWriteTargets,
  REVISIONS_SQL,
  SEED,
  TEAMS_SQL,
  WriteSequence,
} from './seed';
import { ADMIN_TOKEN, startService } from './service';

/**
 * Growth (issue 16): render, write and REST-list costs with 1,000 sets in the database, then with
 * 100,000, on a database of its own (same server) and a service of its own. The same render sets,
 * write targets and list page are measured in both phases, so only the table sizes differ.
 */
export const GROWTH = {
  small: 1_000,
  large: 100_000,
  teams: SEED.teams,
  writeTargets: 200,
  /**
   * Few connections: the figure wanted is the cost per request at each size, and a short run at
   * 64 connections is mostly queueing (a REST page of 100 sets takes far longer than a render).
   */
  connections: 8,
};

/** The largest fall of req/s from the small to the large database still counted as flat. */
export const GROWTH_TOLERANCE = 0.15;

export interface GrowthPhase {
  sets: number;
  render: LoadResult;
  write: LoadResult;
  list: LoadResult;
}

export interface GrowthResult {
  small: GrowthPhase;
  large: GrowthPhase;
  /** Seconds spent growing the database from `small` to `large` sets (seed + vacuum analyze). */
  growSeconds: number;
  seconds: number;
  connections: number;
  duration: number;
  warmup: number;
}

/**
 * Sets `from + 1` .. `to`, spread over the teams round-robin (`set-NNN` by round), 30 % shared
 * (rounds 1-3 of every 10, so every team has shared and private sets from the start), each with the main seed's 10 entries and its version-1 revision.
 */
const GROW_SETS_SQL = `
INSERT INTO alias_sets (id, team_id, name, description, shared, version)
SELECT id, (id - 1) % $3::int + 1, format('set-%s', lpad(((id - 1) / $3::int + 1)::text, 3, '0')),
       format('Hosts of set %s', id), ((id - 1) / $3::int) % 10 < 3, 1
  FROM generate_series($1::int + 1, $2::int) AS id`;

async function grow(url: string, from: number, to: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    await client.query('BEGIN');
    if (from === 0) {
      await client.query(TEAMS_SQL, [GROWTH.teams]);
      await client.query(CLUSTERS_SQL, [SEED.clusters]);
    }
    await client.query(GROW_SETS_SQL, [from, to, GROWTH.teams]);
    await client.query(`${ENTRIES_SQL} WHERE s.id > $3`, [SEED.entriesPerSet, SEED.clusters, from]);
    await client.query(`${REVISIONS_SQL} WHERE s.id > $1`, [from]);
    await client.query(
      "SELECT setval(pg_get_serial_sequence('alias_sets', 'id'), (SELECT max(id) FROM alias_sets))",
    );
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
}

async function createDatabase(serverDbUrl: string, name: string): Promise<string> {
  await adminQuery(serverDbUrl, `CREATE DATABASE "${name}"`);
  return withDatabase(serverDbUrl, name);
}

async function dropDatabase(serverDbUrl: string, name: string): Promise<void> {
  await adminQuery(serverDbUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * Runs the growth scenario on a new database next to `databaseUrl` (dropped afterwards):
 * `duration` seconds of each load after `warmup` seconds of warm-up, at 1,000 sets and again at 100,000.
 */
export async function measureGrowth(options: {
  databaseUrl: string;
  connections: number;
  duration: number;
  /** Seconds of the discarded warm-up run before each load. */
  warmup: number;
  log: (line: string) => void;
}): Promise<GrowthResult> {
  const started = performance.now();
  const { connections, duration, warmup, log } = options;
  const name = `hostaliases_growth_${Date.now()}`;
  const url = await createDatabase(options.databaseUrl, name);
  try {
    await migrate(url);
    await grow(url, 0, GROWTH.small);
    const renderSets = encodeURIComponent((await pickRenderSets(url)).join(','));
    const writes = new WriteSequence(await pickWriteTargets(url, GROWTH.writeTargets));
    const service = await startService({ databaseUrl: url });
    try {
      const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
      const loads = {
        render: {
          url: `${service.baseUrl}/api/v1/render/hosts?sets=${renderSets}&podName=bench&podIP=10.0.0.1`,
          headers: auth,
        },
        write: {
          url: service.baseUrl,
          setupRequest: (request: object) => {
            const next = writes.next();
            // A fresh headers object per request: autocannon adds content-length to it.
            const headers = { ...auth, 'content-type': 'application/json' };
            return {
              ...request,
              method: 'PUT' as const,
              path: next.path,
              body: next.body,
              headers,
            };
          },
        },
        list: { url: `${service.baseUrl}/api/v1/alias-sets?limit=100`, headers: auth },
      };
      const phase = async (sets: number): Promise<GrowthPhase> => {
        const results: Partial<Record<keyof typeof loads, LoadResult>> = {};
        for (const [key, load] of Object.entries(loads) as [keyof typeof loads, object][]) {
          log(`growth: ${key} with ${sets.toLocaleString('en')} sets ...`);
          await runLoad({
            ...load,
            url: (load as { url: string }).url,
            connections,
            duration: warmup,
          });
          results[key] = await runLoad({
            ...load,
            url: (load as { url: string }).url,
            connections,
            duration,
          });
        }
        return { sets, ...(results as Record<keyof typeof loads, LoadResult>) };
      };
      const small = await phase(GROWTH.small);
      log(`growth: seeding up to ${GROWTH.large.toLocaleString('en')} sets ...`);
      const growStarted = performance.now();
      await grow(url, GROWTH.small, GROWTH.large);
      const growSeconds = (performance.now() - growStarted) / 1000;
      const large = await phase(GROWTH.large);
      const seconds = (performance.now() - started) / 1000;
      return { small, large, growSeconds, seconds, connections, duration, warmup };
    } finally {
      await service.child.stop();
    }
  } finally {
    await dropDatabase(options.databaseUrl, name).catch(() => {});
  }
}

const f0 = (value: number) => Math.round(value).toLocaleString('en');
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const LABELS = {
  render: 'GET render/hosts (3 sets)',
  write: 'PUT alias-sets (audited writes)',
  list: 'GET alias-sets?limit=100 (REST list)',
} as const;

/** One target per load: req/s with 100,000 sets over req/s with 1,000, same service, same run. */
export function growthTargets(growth: GrowthResult | undefined): Target[] {
  if (!growth) return [];
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => {
    const small = growth.small[key];
    const large = growth.large[key];
    const ratio = large.rps / small.rps;
    const bad = small.non2xx + small.errors + large.non2xx + large.errors;
    return {
      what: `growth 1,000 → 100,000 sets: ${LABELS[key]}, req/s ratio`,
      goal: `≥ ${f2(1 - GROWTH_TOLERANCE)} (flat)`,
      measured:
        `${f2(ratio)} (${f0(small.rps)} → ${f0(large.rps)} req/s, ` +
        `p99 ${f2(small.p99)} → ${f2(large.p99)} ms)`,
      pass: bad === 0 && ratio >= 1 - GROWTH_TOLERANCE,
      diagnosis:
        bad > 0
          ? `${bad} non-2xx responses or errors.`
          : 'The cost grows with the number of sets in the database: look for a scan or a sort ' +
            'that is not an index range on the path.',
    };
  });
}

/** The report's section on growth (Markdown lines). */
export function growthSection(growth: GrowthResult | undefined): string[] {
  if (!growth) return [];
  const rows = (Object.keys(LABELS) as (keyof typeof LABELS)[]).flatMap((key) =>
    [growth.small, growth.large].map((phase) => {
      const load = phase[key];
      return `| ${LABELS[key]} | ${f0(phase.sets)} | ${f0(load.rps)} | ${f2(load.p50)} | ${f2(load.p99)} | ${load.non2xx + load.errors} |`;
    }),
  );
  return [
    '## Growth: 1,000 to 100,000 sets',
    '',
    `A database of its own on the same server and a service of its own: ${f0(GROWTH.small)} sets ` +
      `(10 entries each, ${GROWTH.teams} teams), each load run for ${growth.duration} s after a ` +
      `${growth.warmup} s warm-up at ${growth.connections} connections; then grown to ${f0(GROWTH.large)} sets ` +
      `(in ${growth.growSeconds.toFixed(0)} s, with VACUUM ANALYZE) and measured again, the same ` +
      `render sets, the same ${GROWTH.writeTargets} write targets and the same first list page. ` +
      `Whole scenario: ${growth.seconds.toFixed(0)} s.`,
    '',
    '| load | sets in the database | req/s | p50 ms | p99 ms | non-2xx / errors |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}
