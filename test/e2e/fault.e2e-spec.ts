import { Client } from 'pg';

import { migrate } from '../../src/infra/database/migrator';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { PgCluster } from '../support/pg-cluster';
import { isAlive, peakRssMiB } from '../support/process-stats';

const auth = `Bearer ${ADMIN_TOKEN}`;
const TEAM = 'fault-team';
/** How long a fault lasts, and how soon after the database returns service must resume. */
const OUTAGE_MS = 3000;
const FREEZE_MS = 9000;
const RECOVERY_BOUND_MS = 10_000;

type Kind = 'put' | 'cluster' | 'read' | 'graphql';
interface Sample {
  kind: Kind;
  start: number;
  end: number;
  status: number;
  /** For writes: what was sent (marker, or cluster name) and what came back. */
  ref?: string;
  marker?: string;
  version?: number;
  /** The body of an error answer, for the failure message. */
  detail?: string;
}

/** A fault window: from the moment the fault began until the database was back. */
interface Window {
  what: string;
  from: number;
  to: number;
}

async function call(kind: Kind, path: string, init: RequestInit, base: string): Promise<Sample> {
  const start = Date.now();
  try {
    const response = await fetch(base + path, {
      ...init,
      headers: { authorization: auth, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(40_000),
    });
    const text = await response.text();
    const sample: Sample = { kind, start, end: Date.now(), status: response.status };
    if (!response.ok) sample.detail = text.slice(0, 300);
    if (response.ok && kind === 'put')
      sample.version = (JSON.parse(text) as { version: number }).version;
    return sample;
  } catch {
    // No answer at all (connection refused, reset, 40 s without a response): status 0.
    return { kind, start, end: Date.now(), status: 0 };
  }
}

describe('fault: PostgreSQL stops, restarts and freezes under a mixed load', () => {
  let cluster: PgCluster;
  let t: TestApp;
  let dbUrl: string;

  beforeAll(async () => {
    cluster = await PgCluster.create();
    await cluster.start();
    const admin = new Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE hostaliases');
    await admin.end();
    dbUrl = cluster.url('hostaliases');
    await migrate(dbUrl);
    t = await startTestApp({ DATABASE_URL: dbUrl, RATE_LIMIT_PER_MINUTE: '0' });
    await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: TEAM, name: TEAM })
      .expect(201);
    for (const w of [0, 1, 2, 3]) {
      await t
        .http()
        .put(`/api/v1/alias-sets/${TEAM}/w${w}`)
        .set('authorization', auth)
        .send({ entries: [{ ip: '10.0.0.1', hostnames: [`start${w}.fault`] }] })
        .expect(201);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await cluster?.destroy();
  });

  it('never exits, answers 503 during faults, loses no acknowledged write, half-applies none, and recovers', async () => {
    const samples: Sample[] = [];
    const windows: Window[] = [];
    let running = true;
    let serial = 0;
    const base = t.baseUrl;

    const writer = async (w: number): Promise<void> => {
      const ref = `${TEAM}/w${w}`;
      while (running) {
        const marker = `m${w}-${serial++}`;
        const body = { entries: [{ ip: '10.0.0.1', hostnames: [`${marker}.fault`] }] };
        const sample = await call(
          'put',
          `/api/v1/alias-sets/${ref}`,
          { method: 'PUT', body: JSON.stringify(body) },
          base,
        );
        samples.push({ ...sample, ref, marker });
      }
    };
    const creator = async (c: number): Promise<void> => {
      while (running) {
        const name = `fault-c${c}-${serial++}`;
        const sample = await call(
          'cluster',
          '/api/v1/clusters',
          { method: 'POST', body: JSON.stringify({ name }) },
          base,
        );
        samples.push({ ...sample, ref: name });
      }
    };
    const reader = async (r: number): Promise<void> => {
      const paths = [
        `/api/v1/alias-sets?team=${TEAM}&limit=20`,
        `/api/v1/render/hosts?sets=${TEAM}/w${r % 4}&podName=p`,
        `/api/v1/alias-sets/${TEAM}/w${r % 4}/revisions?limit=5`,
        `/api/v1/audit?team=${TEAM}&limit=10`,
      ];
      for (let i = 0; running; i++) {
        const path = paths[i % paths.length] ?? paths[0];
        samples.push(await call('read', path, { method: 'GET' }, base));
      }
    };
    const graphql = async (): Promise<void> => {
      const query = `{ aliasSets(first: 10, team: "${TEAM}") { edges { node { name version entries { ip } } } } }`;
      while (running) {
        samples.push(
          await call(
            'graphql',
            '/graphql',
            { method: 'POST', body: JSON.stringify({ query }) },
            base,
          ),
        );
      }
    };
    const load = [
      ...[0, 1, 2, 3].map(writer),
      ...[0, 1].map(creator),
      ...[0, 1, 2, 3, 4, 5, 6, 7].map(reader),
      graphql(),
      graphql(),
    ];

    /** Time from the database being back until a write succeeds again. */
    const recoveries: number[] = [];
    const waitForService = async (): Promise<void> => {
      const from = Date.now();
      for (;;) {
        const probe = await call(
          'put',
          `/api/v1/alias-sets/${TEAM}/probe`,
          {
            method: 'PUT',
            body: JSON.stringify({
              entries: [{ ip: '10.0.0.2', hostnames: [`p${serial++}.probe`] }],
            }),
          },
          base,
        );
        if (probe.status === 200 || probe.status === 201) break;
        if (Date.now() - from > 30_000) {
          throw new Error(
            `service did not resume within 30 s: ${probe.status} ${probe.detail}\n${t.output().slice(-3000)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      recoveries.push(Date.now() - from);
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    try {
      await pause(2000);
      for (let round = 1; round <= 3; round++) {
        await cluster.stopFast();
        // The window opens once the server is down: a write sent while it was still shutting
        // down may legitimately commit.
        const from = Date.now();
        await pause(OUTAGE_MS);
        windows.push({ what: `fast stop ${round}`, from, to: Date.now() });
        await cluster.start();
        await waitForService();
        await pause(1500);
        expect(isAlive(t.pid)).toBe(true);
      }
      await cluster.signalAll('SIGSTOP');
      // Likewise, a backend may finish a commit while the signals are still being sent.
      const frozenAt = Date.now();
      await pause(FREEZE_MS);
      windows.push({ what: 'SIGSTOP freeze', from: frozenAt, to: Date.now() });
      await cluster.signalAll('SIGCONT');
      await waitForService();
      await pause(1500);
    } finally {
      running = false;
      await Promise.all(load);
    }

    // The process never exited.
    expect(isAlive(t.pid)).toBe(true);
    expect(t.output()).not.toMatch(/Unhandled 'error' event|uncaughtException/);

    // Every answer was a success or a 503: no 500, no hang without an answer.
    const byStatus = new Map<number, number>();
    for (const s of samples) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    const unexpected = samples.filter(
      (s) => !(s.status >= 200 && s.status < 300) && s.status !== 503,
    );
    expect(unexpected.map((s) => `${s.kind} ${s.status}`)).toEqual([]);

    // Inside a fault window (the request both started and ended in it) a write is a 503; a read
    // may be a 200 only when served from memory.
    const inside = (s: Sample) => windows.some((w) => s.start >= w.from && s.end <= w.to);
    const writesInside = samples.filter(
      (s) => inside(s) && (s.kind === 'put' || s.kind === 'cluster'),
    );
    expect(writesInside.filter((s) => s.status !== 503)).toEqual([]);
    expect(writesInside.length).toBeGreaterThan(0);
    // Nothing waited for the whole freeze: every request was answered within the deadline.
    const slowest = Math.max(...samples.map((s) => s.end - s.start));
    expect(slowest).toBeLessThan(21_000);

    // Every acknowledged write is there, with its revision and its audit event.
    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const acknowledgedPuts = samples.filter(
        (s) => s.kind === 'put' && s.version !== undefined && s.ref?.includes('/w'),
      );
      const revisions = await db.query<{ ref: string; version: number; snapshot: unknown }>(
        `SELECT t.slug || '/' || s.name AS ref, r.version, r.snapshot
           FROM revisions r JOIN alias_sets s ON s.id = r.alias_set_id JOIN teams t ON t.id = s.team_id`,
      );
      const revisionByKey = new Map(
        revisions.rows.map((r) => [`${r.ref}@${r.version}`, JSON.stringify(r.snapshot)]),
      );
      const audits = await db.query<{ target_ref: string; version: number | null; action: string }>(
        `SELECT target_ref, version, action FROM audit_events`,
      );
      const auditKeys = new Set(audits.rows.map((a) => `${a.target_ref}@${a.version}`));
      for (const put of acknowledgedPuts) {
        const key = `${put.ref}@${put.version}`;
        expect(revisionByKey.get(key)).toContain(`${put.marker}.fault`);
        expect(auditKeys.has(key)).toBe(true);
      }
      const acknowledgedClusters = samples.filter((s) => s.kind === 'cluster' && s.status === 201);
      const clusterNames = new Set(
        (await db.query<{ name: string }>('SELECT name FROM clusters')).rows.map((r) => r.name),
      );
      const clusterAudits = new Set(
        audits.rows.filter((a) => a.action === 'cluster.create').map((a) => a.target_ref),
      );
      for (const created of acknowledgedClusters) {
        expect(clusterNames.has(created.ref!)).toBe(true);
        expect(clusterAudits.has(created.ref!)).toBe(true);
      }

      // Nothing half-applied: each cluster exists exactly when its creation is audited; each set's
      // version has exactly one revision and one audit event per version, with no gap.
      expect([...clusterNames].sort()).toEqual([...clusterAudits].sort());
      const sets = await db.query<{ ref: string; version: number; revisions: number; max: number }>(
        `SELECT t.slug || '/' || s.name AS ref, s.version,
                (SELECT count(*)::int FROM revisions r WHERE r.alias_set_id = s.id) AS revisions,
                (SELECT max(version) FROM revisions r WHERE r.alias_set_id = s.id) AS max
           FROM alias_sets s JOIN teams t ON t.id = s.team_id`,
      );
      for (const set of sets.rows) {
        expect({ ref: set.ref, revisions: set.revisions, max: set.max }).toEqual({
          ref: set.ref,
          revisions: set.version,
          max: set.version,
        });
        for (let v = 1; v <= set.version; v++) expect(auditKeys.has(`${set.ref}@${v}`)).toBe(true);
      }
      const setAudits = audits.rows.filter((a) => a.action.startsWith('alias_set.'));
      expect(setAudits.length).toBe(sets.rows.reduce((sum, s) => sum + s.version, 0));
    } finally {
      await db.end();
    }

    // Service resumed within seconds of each return of the database.
    expect(Math.max(...recoveries)).toBeLessThan(RECOVERY_BOUND_MS);

    const writes = samples.filter((s) => s.kind === 'put' || s.kind === 'cluster');
    console.log(
      [
        `fault test: ${samples.length} requests (${writes.length} writes), statuses ${JSON.stringify(Object.fromEntries(byStatus))}`,
        `faults: ${windows.map((w) => `${w.what} ${w.to - w.from} ms`).join(', ')}`,
        `recovery after each return (ms): ${recoveries.join(', ')}; slowest answer ${slowest} ms`,
        `peak RSS of the service: ${peakRssMiB(t.pid)} MiB`,
      ].join('\n'),
    );
  }, 180_000);

  it('fails a statement the frozen server holds after the read deadline, not when it thaws', async () => {
    const read = () => call('read', '/api/v1/audit?limit=5', { method: 'GET' }, t.baseUrl);
    // A statement answered just before: its connection waits in the pool, so the next statement
    // is sent on it (a new connection would fail at the 3 s connect timeout instead).
    expect((await read()).status).toBe(200);
    await cluster.signalAll('SIGSTOP');
    const frozenSince = Date.now();
    let frozen: Sample;
    try {
      frozen = await read();
    } finally {
      // Thawed 12 s after the freeze at the latest: without the deadline the read would wait that
      // long and then succeed.
      await new Promise((resolve) => setTimeout(resolve, 12_000 - (Date.now() - frozenSince)));
      await cluster.signalAll('SIGCONT');
    }
    expect(frozen.status).toBe(503);
    // The deadline is 6 s, checked once a second.
    expect(frozen.end - frozen.start).toBeGreaterThanOrEqual(5_900);
    expect(frozen.end - frozen.start).toBeLessThan(8_500);
    const deadline = Date.now() + RECOVERY_BOUND_MS;
    while ((await read()).status !== 200) {
      if (Date.now() > deadline) throw new Error('no recovery after the freeze');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);
});
