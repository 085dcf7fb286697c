import { Client } from 'pg';

import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { given, uniqueName } from '../support/given';

const auth = `Bearer ${ADMIN_TOKEN}`;

/** Reads one sample of a Prometheus text exposition. */
function sample(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  if (!line) throw new Error(`metric ${name}${labels} not exported`);
  return Number(line.split(' ')[1]);
}

describe('observability: SQL query budget, metrics, logs', () => {
  let t: TestApp;
  let team: string;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' });
    team = await given(t).team();
    const base = uniqueName('base');
    await given(t).aliasSet(team, base, {
      entries: [{ ip: '10.0.0.1', hostnames: ['base.local'] }],
      shared: true,
    });
    for (let i = 0; i < 100; i++) {
      await given(t).aliasSet(team, `set-${i}`, {
        entries: [
          { ip: `10.1.${i}.1`, hostnames: [`a${i}.remote`, `b${i}.remote`] },
          { ip: `10.2.${i}.1`, hostnames: [`c${i}.remote`] },
        ],
        includes: [`${team}/${base}`],
      });
    }
  });
  afterAll(() => t.close());

  async function queriesFor(run: () => Promise<unknown>): Promise<number> {
    const before = sample((await t.http().get('/metrics')).text, 'db_queries_total');
    await run();
    return sample((await t.http().get('/metrics')).text, 'db_queries_total') - before;
  }

  it('lists 100 sets with entries over GraphQL in at most 4 SQL queries, whatever the page size', async () => {
    const list = (first: number) => async () => {
      const result = await t.graphql<{
        aliasSets: { edges: { node: { entries: unknown[]; includes: string[] } }[] };
      }>(
        `query($team: String, $first: Int) { aliasSets(team: $team, first: $first) { edges { node { team name includes entries { ip hostnames clusters } } } } }`,
        { team, first },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.aliasSets.edges).toHaveLength(first);
      expect(result.data?.aliasSets.edges[first - 1]?.node.entries).toHaveLength(2);
    };
    const for100 = await queriesFor(list(100));
    const for10 = await queriesFor(list(10));
    expect(for100).toBeLessThanOrEqual(4);
    expect(for100).toBe(for10);
  });

  it('lists 100 sets with their audit events over GraphQL in as many SQL queries as 10 sets', async () => {
    const list = (first: number) => async () => {
      const result = await t.graphql<{
        aliasSets: { edges: { node: { name: string; auditEvents: { action: string }[] } }[] };
      }>(
        `query($team: String, $first: Int) { aliasSets(team: $team, first: $first) { edges { node { name auditEvents(limit: 5) { action target { ref } } } } } }`,
        { team, first },
      );
      expect(result.errors).toBeUndefined();
      const nodes = result.data?.aliasSets.edges.map((edge) => edge.node) ?? [];
      expect(nodes).toHaveLength(first);
      // Each set got its own events: one creation each.
      for (const node of nodes) {
        expect(node.auditEvents).toEqual([
          { action: 'alias_set.create', target: { ref: `${team}/${node.name}` } },
        ]);
      }
    };
    // Ten sets' events first, then a hundred (the ten remembered, 90 more read in one batch).
    const for10 = await queriesFor(list(10));
    const for100 = await queriesFor(list(100));
    expect(for100).toBeLessThanOrEqual(4);
    expect(for100).toBe(for10);
    // Seen again at the same versions: the list's ids and versions only (KnownEvents).
    expect(await queriesFor(list(100))).toBe(1);
  });

  it('lists the sets it knows at their version in one SQL statement, reading in full only the others', async () => {
    const list = async () =>
      (
        await t
          .http()
          .get(`/api/v1/alias-sets?team=${team}&limit=10`)
          .set('authorization', auth)
          .expect(200)
      ).body as { items: { name: string; version: number; entries: { ip: string }[] }[] };
    await list();
    // Every listed set is known at the version the page's statement returns.
    expect(await queriesFor(list)).toBe(1);
    const first = (await list()).items[0];
    // Another replica changes the first set: its version moves on, so it is read in full.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      await db.query(
        `WITH s AS (UPDATE alias_sets SET version = version + 1
           WHERE name = $1 AND team_id = (SELECT id FROM teams WHERE slug = $2) RETURNING id)
         UPDATE alias_entries SET ip = '10.99.0.1' WHERE alias_set_id = (SELECT id FROM s)
           AND position = 0`,
        [first.name, team],
      );
    } finally {
      await db.end();
    }
    let listed: Awaited<ReturnType<typeof list>> | undefined;
    expect(await queriesFor(async () => (listed = await list()))).toBe(2);
    expect(listed?.items[0]).toMatchObject({
      name: first.name,
      version: first.version + 1,
    });
    expect(listed?.items[0].entries.map((entry) => entry.ip)).toEqual([
      '10.99.0.1',
      ...first.entries.slice(1).map((entry) => entry.ip),
    ]);
    // What a list answers from memory is what the database holds: the same as each set's GET.
    for (const item of (await list()).items) {
      const stored = await t
        .http()
        .get(`/api/v1/alias-sets/${team}/${item.name}`)
        .set('authorization', auth)
        .expect(200);
      expect(item).toEqual(stored.body);
    }
  });

  it('writes a set in one SQL statement and no transaction when nothing races it', async () => {
    const name = uniqueName('one');
    const ref = `${team}/${name}`;
    await given(t).aliasSet(team, name, { entries: [{ ip: '10.9.0.1', hostnames: ['a.one'] }] });
    const put = (ip: string) => () =>
      t
        .http()
        .put(`/api/v1/alias-sets/${ref}`)
        .set('authorization', auth)
        .send({ entries: [{ ip, hostnames: ['a.one'] }] })
        .expect(200);
    // The set as this replica wrote it, then the one statement with the set, its revision,
    // audit event and NOTIFY that checks that version: no read, no BEGIN, no lock, no COMMIT.
    expect(await queriesFor(put('10.9.0.2'))).toBe(1);
    // Unchanged content: only the stored set can say so (a read).
    expect(await queriesFor(put('10.9.0.2'))).toBe(1);
    // Another replica's write: the statement at the remembered version writes nothing, then the
    // read and the statement at the stored version.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    try {
      await db.query(
        `UPDATE alias_sets SET version = version + 1
         WHERE name = $1 AND team_id = (SELECT id FROM teams WHERE slug = $2)`,
        [name, team],
      );
    } finally {
      await db.end();
    }
    expect(await queriesFor(put('10.9.0.3'))).toBe(3);
    const current = await t.http().get(`/api/v1/alias-sets/${ref}`).set('authorization', auth);
    expect(current.body).toMatchObject({ version: 4, entries: [{ ip: '10.9.0.3' }] });
    const audit = await t
      .http()
      .get(`/api/v1/audit?set=${ref}`)
      .set('authorization', auth)
      .expect(200);
    expect(audit.body.items.map((e: { version: number }) => e.version)).toEqual([4, 2, 1]);
    expect(audit.body.items[0].before).toMatchObject({ version: 3, entries: [{ ip: '10.9.0.2' }] });
  });

  it('exports request latency, render cache, compiled sets, pool and query metrics', async () => {
    const render = (query: string) =>
      t.http().get(`/api/v1/render/hosts?${query}`).set('authorization', auth).expect(200);
    await render(`sets=${team}/set-1&podName=p`); // both caches miss
    await render(`sets=${team}/set-1&podName=p`); // the same URL: answered by the URL cache
    await render(`podName=p&sets=${team}/set-1`); // another URL, same content: rendered-bytes cache
    const text = (await t.http().get('/metrics')).text;
    expect(sample(text, 'render_cache_requests_total', '{result="hit"}')).toBe(1);
    expect(sample(text, 'render_cache_requests_total', '{result="miss"}')).toBe(1);
    expect(sample(text, 'render_response_cache_requests_total', '{result="hit"}')).toBe(1);
    expect(sample(text, 'render_response_cache_requests_total', '{result="miss"}')).toBe(2);
    expect(sample(text, 'db_pool_connections', '{state="total"}')).toBeGreaterThan(0);
    // set-1 and the base it includes stay compiled: 3 entries, 3 addresses and 4 hostnames.
    expect(sample(text, 'resolve_compiled_sets', '{measure="sets"}')).toBe(2);
    expect(sample(text, 'resolve_compiled_sets', '{measure="entries"}')).toBe(3);
    expect(sample(text, 'resolve_compiled_sets', '{measure="symbols"}')).toBe(7);
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/render\/hosts",status="200"\} \d+/,
    );
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('writes structured JSON request logs with request id, actor and latency, never the token', async () => {
    await t
      .http()
      .get('/api/v1/teams')
      .set('authorization', auth)
      .set('x-request-id', 'log-check-1')
      .expect(200);
    // The line is written when the response finishes and reaches us through a pipe: wait for it.
    const findLine = () =>
      t
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((entry) => entry.reqId === 'log-check-1' && entry.responseTime !== undefined);
    const deadline = Date.now() + 10_000;
    while (!findLine() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const line = findLine();
    expect(line).toMatchObject({ reqId: 'log-check-1', actor: 'admin', res: { statusCode: 200 } });
    expect(typeof line?.responseTime).toBe('number');
    expect(t.output()).not.toContain(ADMIN_TOKEN);
  });
});
