/**
 * `npm run bench`: seeds a fresh database, starts the built service and a bare node:http server,
 * measures every scenario in one run, and writes bench/RESULTS.md. See bench/README.md.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type autocannon from 'autocannon';

import { createBenchDatabase } from './database';
import { describeMachine, loadAverage } from './machine';
import { type SessionStates, startSessionSampler } from './db-sampler';
import { GROWTH, measureGrowth } from './growth';
import { type LoadOptions, type LoadResult, runLoad } from './load';
import { cpuSnapshot, cpuSplit, type Pids } from './cpu';
import { memoryOf, resetPeakRss } from './processes';
import { summarizeProfile } from './profile';
import {
  type CpuSplit,
  handWrittenAnalysis,
  type Report,
  renderReport,
  type Scenario,
} from './report';
import { type MicroResult, runMicroInChild } from './resolve-micro';
import { pickRenderSets, pickWriteTargets, query, seedDatabase, WriteSequence } from './seed';
import { admissionReview, manifestFile } from './delivery';
import {
  ADMIN_TOKEN,
  buildService,
  heapOf,
  modulesAlone,
  profilerCommand,
  type Service,
  SERVICE_NODE_FLAGS,
  SERVICE_NODE_OPTIONS,
  startBareServer,
  startCeilingServer,
  startStackServer,
  startFloorServer,
  startService,
} from './service';
import { decide } from './targets';
import { startWebhookSink } from './webhook-sink';

const settings = {
  duration: positive('BENCH_DURATION', 10),
  warmup: positive('BENCH_WARMUP', 2),
  connections: positive('BENCH_CONNECTIONS', 64),
  auditConnections: positive('BENCH_AUDIT_CONNECTIONS', 4),
  auditEvents: positive('BENCH_AUDIT_EVENTS', 1_000_000),
  writeTargets: positive('BENCH_WRITE_TARGETS', 2000),
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  keepDatabase: process.env.BENCH_KEEP_DB === '1',
  build: process.env.BENCH_SKIP_BUILD !== '1',
  profile: process.env.BENCH_PROFILE !== '0',
  micro: process.env.BENCH_MICRO !== '0',
  results: process.env.BENCH_RESULTS || join(__dirname, 'RESULTS.md'),
  /** Scenario keys to run (the bare server always runs); empty: all. For quick checks only. */
  only: (process.env.BENCH_ONLY ?? '').split(',').filter((key) => key !== ''),
};

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const log = (line: string) => console.log(line);
const cleanups: [string, () => Promise<void>][] = [];
let cleaning: Promise<void> | undefined;

/** Undoes everything started so far, newest first; safe to call twice. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const [what, undo] of cleanups.reverse()) {
      try {
        await undo();
      } catch (error) {
        console.error(`cleanup of ${what} failed: ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

let interrupted = false;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping everything`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** A warm-up run (discarded), then the measured run with CPU accounting around it. */
async function measure(
  options: LoadOptions,
  pids: Pids,
  databaseUrl?: string,
): Promise<{ load: LoadResult; warmup: LoadResult; cpu: CpuSplit; sessions?: SessionStates }> {
  const warmup = await runLoad({ ...options, duration: settings.warmup });
  const sampler = databaseUrl ? await startSessionSampler(databaseUrl) : undefined;
  const before = cpuSnapshot(pids);
  const load = await runLoad(options);
  const after = cpuSnapshot(pids);
  const sessions = await sampler?.stop();
  return { load, warmup, cpu: cpuSplit(before, after, load.total), sessions };
}

const authHeaders = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** A fresh object each time: autocannon adds content-length to the headers it is given. */
const jsonHeaders = (): Record<string, string> => ({
  ...authHeaders,
  'content-type': 'application/json',
});
const GRAPHQL_QUERY =
  '{ aliasSets(first: 100) { edges { node { team name entries { ip hostnames clusters } } } } }';
/** The same page with each set's latest audit event, as a portal's list shows it. */
const GRAPHQL_AUDIT_QUERY =
  '{ aliasSets(first: 100) { edges { node { team name entries { ip hostnames clusters } ' +
  'auditEvents(limit: 1) { at action } } } } }';

function successes(load: LoadResult): number {
  return Object.entries(load.statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** One retry: a keep-alive socket the service closed between scenarios is not a failure. */
async function fetchOnceMore(url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    try {
      return await fetch(url, init);
    } catch (error) {
      const cause =
        error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new Error(`${what}: ${String(error)}${cause}`);
    }
  }
}

async function expectOk(url: string, init: RequestInit, what: string): Promise<string> {
  const response = await fetchOnceMore(url, init, what);
  const body = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}: ${body.slice(0, 500)}`);
  return body;
}

/** Measuring a dead process would only fill the report with errors: stop the run instead. */
function assertRunning(target: Service, what: string): void {
  const { exitCode, signalCode } = target.child.process;
  if (exitCode === null && signalCode === null) return;
  throw new Error(
    `${what} (pid ${target.child.pid}) exited (${signalCode ?? `code ${exitCode}`}); its output:\n` +
      target.child.output().slice(-4000),
  );
}

/** Says so when autocannon, not node:http, was the limit of the bare runs. */
function loadGeneratorNote(scenarios: Scenario[]): string[] {
  const bare = scenarios.filter((s) => s.key.startsWith('bare'));
  const share = Math.max(...bare.map((s) => s.cpu.coreShare.loadgen ?? 0));
  if (share < 0.9) return [];
  return [
    `During the bare runs the load generator itself used ${Math.round(share * 100)} % of a core: ` +
      'the bare figure is a lower bound of what node:http can do here, so the render ratios are ' +
      'if anything flattering.',
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'hostaliases-bench-run-'));
  cleanups.push(['temporary files', () => rm(work, { recursive: true, force: true })]);

  let micro: MicroResult[] = [];
  if (settings.micro) {
    log('resolution micro-benchmark (pure domain) ...');
    micro = await runMicroInChild();
    for (const m of micro) {
      log(`  ${m.mode} ${m.shape} ${m.sets}×10k: median ${m.medianMs.toFixed(1)} ms`);
    }
  }

  log(settings.databaseUrl ? 'database: BENCH_DATABASE_URL' : 'database: embedded PostgreSQL');
  const database = await createBenchDatabase({
    serverUrl: settings.databaseUrl,
    keep: settings.keepDatabase,
  });
  cleanups.push(['database', () => database.dispose()]);
  const machine = describeMachine(database);

  log(`seeding (and building the service meanwhile) ...`);
  const seedStarted = performance.now();
  const building = settings.build ? buildService() : Promise.resolve();
  building.catch(() => {}); // awaited below; do not crash while seeding runs
  const seed = await seedDatabase(database.url, settings.auditEvents, log);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await building;

  const service = await startService({ databaseUrl: database.url });
  cleanups.push(['service', () => service.child.stop()]);
  const bootMemory = memoryOf(service.child.pid);
  const bootHeap = await heapOf(service);
  const idle = await modulesAlone();
  const renderSets = await pickRenderSets(database.url);
  const writeTargets = await pickWriteTargets(database.url, settings.writeTargets);
  const writes = new WriteSequence(writeTargets);
  const base = service.baseUrl;
  const sets = encodeURIComponent(renderSets.join(','));
  const paths = {
    hosts: `/api/v1/render/hosts?sets=${sets}&podName=bench&podIP=10.0.0.1`,
    patch: `/api/v1/render/patch?sets=${sets}&kind=Deployment`,
    audit: '/api/v1/audit?limit=50',
    auditTeam: '/api/v1/audit?limit=50&team=team-042',
  };
  const graphqlBody = JSON.stringify({ query: GRAPHQL_QUERY });
  const graphqlAuditBody = JSON.stringify({ query: GRAPHQL_AUDIT_QUERY });
  const restListPath = '/api/v1/alias-sets?limit=100';
  const manifests = manifestFile(renderSets);
  const yamlHeaders = { ...authHeaders, 'content-type': 'application/yaml' };
  const review = admissionReview(renderSets);
  const admissionPath = '/api/v1/admission/mutate';

  // One request of each kind first: a broken scenario should fail loudly, not measure 4xx.
  // The write goes first: it changes a set of the GraphQL page, whose bytes are captured next.
  const write = writes.next();
  await expectOk(
    `${base}${write.path}`,
    { method: 'PUT', headers: jsonHeaders(), body: write.body },
    'PUT',
  );
  const hostsFile = await expectOk(
    `${base}${paths.hosts}`,
    { headers: authHeaders },
    'render hosts',
  );
  const patch = await expectOk(`${base}${paths.patch}`, { headers: authHeaders }, 'render patch');
  const graphql = await expectOk(
    `${base}/graphql`,
    { method: 'POST', headers: jsonHeaders(), body: graphqlBody },
    'GraphQL',
  );
  const parsed = JSON.parse(graphql) as {
    errors?: unknown;
    data?: { aliasSets?: { edges: unknown[] } };
  };
  if (parsed.errors || parsed.data?.aliasSets?.edges.length !== 100) {
    throw new Error(`GraphQL list did not return 100 sets: ${graphql.slice(0, 500)}`);
  }
  const graphqlAudit = await expectOk(
    `${base}/graphql`,
    { method: 'POST', headers: jsonHeaders(), body: graphqlAuditBody },
    'GraphQL with audit events',
  );
  if (graphqlAudit.includes('"errors"')) {
    throw new Error(`GraphQL list with audit events failed: ${graphqlAudit.slice(0, 500)}`);
  }
  const restList = await expectOk(`${base}${restListPath}`, { headers: authHeaders }, 'REST list');
  const appliedManifests = await expectOk(
    `${base}/api/v1/manifests/apply`,
    { method: 'POST', headers: yamlHeaders, body: manifests },
    'manifests apply',
  );
  const admissionAnswer = await expectOk(
    `${base}${admissionPath}`,
    { method: 'POST', headers: jsonHeaders(), body: review },
    'admission review',
  );
  if (!admissionAnswer.includes('"patchType":"JSONPatch"')) {
    throw new Error(`the admission review was not patched: ${admissionAnswer.slice(0, 500)}`);
  }
  const auditPage = await expectOk(`${base}${paths.audit}`, { headers: authHeaders }, 'audit page');
  const auditTeamPage = await expectOk(
    `${base}${paths.auditTeam}`,
    { headers: authHeaders },
    'audit page',
  );
  const pageNote = (page: string) => () =>
    Promise.resolve(
      `the page is ${(Buffer.byteLength(page) / 1024).toFixed(0)} KB of JSON (50 events with their before/after snapshots).`,
    );

  const bodyFile = join(work, 'hosts');
  await writeFile(bodyFile, hostsFile);
  const bare = await startBareServer(bodyFile);
  cleanups.push(['bare server', () => bare.child.stop()]);
  const bareFastify = await startBareServer(bodyFile, undefined, 'fastify');
  cleanups.push(['plain Fastify server', () => bareFastify.child.stop()]);
  const admissionFile = join(work, 'admission');
  await writeFile(admissionFile, admissionAnswer);
  const bareAdmission = await startBareServer(admissionFile, 'application/json');
  cleanups.push(['bare admission server', () => bareAdmission.child.stop()]);
  const floor = await startFloorServer(database.url);
  cleanups.push(['floor server', () => floor.child.stop()]);
  const pageFile = join(work, 'graphql-page');
  await writeFile(pageFile, graphqlAudit);
  const ceiling = await startCeilingServer(pageFile);
  cleanups.push(['ceiling server', () => ceiling.child.stop()]);
  const restListFile = join(work, 'rest-list');
  await writeFile(restListFile, restList);
  const stack = await startStackServer(restListFile, database.url);
  cleanups.push(['stack server', () => stack.child.stop()]);
  const stackBoot = memoryOf(stack.child.pid);
  const pids: Pids = {
    service: service.child.pid,
    bare: bare.child.pid,
    postgres: database.postmasterPid(),
  };
  const conns = settings.connections;
  const writeRequest = (request: autocannon.Request): autocannon.Request => {
    const next = writes.next();
    return { ...request, method: 'PUT', path: next.path, body: next.body, headers: jsonHeaders() };
  };

  const scenarios: Scenario[] = [];
  let runPeakMb = bootMemory?.peakMb ?? 0;
  const run = async (
    key: string,
    title: string,
    options: Omit<LoadOptions, 'duration'> & { duration?: number },
    note?: (result: { load: LoadResult; warmup: LoadResult }) => Promise<string | undefined>,
  ) => {
    if (settings.only.length > 0 && !key.startsWith('bare') && !settings.only.includes(key)) {
      return;
    }
    log(`${title} ...`);
    assertRunning(service, 'the service');
    assertRunning(bare, 'the bare server');
    const sampled = key.startsWith('bare') ? undefined : database.url;
    const duration = options.duration ?? settings.duration;
    // Each scenario's own peak (warm-up included); the run's peak is the largest of them.
    const perScenarioPeak = resetPeakRss(service.child.pid);
    // The admission bare runs have a bare server of their own: its CPU is the bare column's.
    const bareOfRun = key.startsWith('bareAdmission')
      ? bareAdmission.child.pid
      : key.startsWith('bareFloor')
        ? floor.child.pid
        : key.startsWith('bareCeiling')
          ? ceiling.child.pid
          : key === 'bareStack'
            ? stack.child.pid
            : key === 'bareFastify'
              ? bareFastify.child.pid
              : bare.child.pid;
    const result = await measure({ ...options, duration }, { ...pids, bare: bareOfRun }, sampled);
    const peakRssMb = memoryOf(service.child.pid)?.peakMb;
    if (perScenarioPeak || peakRssMb === undefined) runPeakMb = Math.max(runPeakMb, peakRssMb ?? 0);
    else runPeakMb = peakRssMb;
    scenarios.push({
      key,
      title,
      connections: options.connections,
      load: result.load,
      cpu: result.cpu,
      sessions: result.sessions,
      peakRssMb,
      heap: key.startsWith('bare') ? undefined : await heapOf(service),
      note: await note?.(result),
    });
    assertRunning(service, 'the service');
    const { rps, p50, p99, non2xx, errors, mismatches } = result.load;
    log(
      `  ${rps.toFixed(0)} req/s, p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, ` +
        `non-2xx ${non2xx}, errors ${errors}, mismatches ${mismatches}`,
    );
  };

  const bareOptions = { url: `${bare.baseUrl}/`, connections: conns, expectBody: hostsFile };
  await run('bare1', 'bare node:http (before)', bareOptions);
  // The framework's own ceiling: plain Fastify, one route, the same bytes (issue 16's yardstick).
  await run('bareFastify', 'plain Fastify, same bytes (reference)', {
    ...bareOptions,
    url: `${bareFastify.baseUrl}/`,
  });
  await run('hosts', 'GET render/hosts (3 sets)', {
    url: `${base}${paths.hosts}`,
    connections: conns,
    headers: authHeaders,
    expectBody: hostsFile,
  });
  await run('patch', 'GET render/patch (3 sets)', {
    url: `${base}${paths.patch}`,
    connections: conns,
    headers: authHeaders,
    expectBody: patch,
  });
  await run('bare2', 'bare node:http (after)', bareOptions);
  await run(
    'manifests',
    'POST manifests/apply (20 documents)',
    {
      url: `${base}/api/v1/manifests/apply`,
      connections: conns,
      method: 'POST',
      headers: yamlHeaders,
      body: manifests,
      expectBody: appliedManifests,
    },
    () =>
      Promise.resolve(
        `${(Buffer.byteLength(manifests) / 1024).toFixed(1)} KB of YAML in (15 workloads of 5 kinds, 5 ConfigMaps), ${(Buffer.byteLength(appliedManifests) / 1024).toFixed(1)} KB out.`,
      ),
  );
  // The admission ratio has bare runs of its own, answering the admission answer's bytes.
  const bareAdmissionOptions = {
    url: `${bareAdmission.baseUrl}/`,
    connections: conns,
    method: 'POST' as const,
    body: review,
    expectBody: admissionAnswer,
  };
  await run('bareAdmission1', 'bare node:http, admission bytes (before)', bareAdmissionOptions);
  await run(
    'admission',
    'POST admission/mutate (pod asking for 3 sets)',
    {
      url: `${base}${admissionPath}`,
      connections: conns,
      method: 'POST',
      headers: jsonHeaders(),
      body: review,
      expectBody: admissionAnswer,
    },
    () =>
      Promise.resolve(
        `${(Buffer.byteLength(review) / 1024).toFixed(1)} KB review in, ${(Buffer.byteLength(admissionAnswer) / 1024).toFixed(1)} KB answer out (a JSON Patch of the merged hostAliases).`,
      ),
  );
  await run('bareAdmission2', 'bare node:http, admission bytes (after)', bareAdmissionOptions);
  await run('graphql', 'POST /graphql aliasSets(first: 100)', {
    url: `${base}/graphql`,
    connections: conns,
    method: 'POST',
    headers: jsonHeaders(),
    body: graphqlBody,
    expectBody: graphql,
  });
  // The floor of the page: bare node:http and pg, one statement, the same bytes (floor-server.ts).
  await run('bareFloorPage', 'floor: node:http + pg, the same GraphQL page', {
    url: `${floor.baseUrl}/graphql`,
    connections: conns,
    method: 'POST',
    body: graphqlBody,
    expectBody: graphql,
  });
  // The GraphQL libraries alone, the same page from memory (ceiling-server.ts).
  await run('bareCeilingPage', 'Apollo + graphql-jit alone, the same page from memory', {
    url: `${ceiling.baseUrl}/graphql`,
    connections: conns,
    method: 'POST',
    headers: jsonHeaders(),
    body: graphqlBody,
    expectBody: graphql,
  });
  // The same 100 sets over REST, right after: the GraphQL goal is a ratio to it.
  await run('restList', 'GET alias-sets?limit=100 (REST, same 100 sets)', {
    url: `${base}${restListPath}`,
    connections: conns,
    headers: authHeaders,
    expectBody: restList,
  });
  // The stack alone, the same bytes from memory (stack-server.ts): its peak is what Nest,
  // Fastify, Apollo and Prisma take under this load before a service does anything.
  resetPeakRss(stack.child.pid);
  const stackIdle = memoryOf(stack.child.pid);
  await run('bareStack', 'the stack alone (Nest, Apollo, Prisma), the REST list from memory', {
    url: `${stack.baseUrl}${restListPath}`,
    connections: conns,
    expectBody: restList,
  });
  const stackPeak = memoryOf(stack.child.pid);
  const stackRun = scenarios.find((s) => s.key === 'bareStack');
  await run('graphqlAudit', 'POST /graphql aliasSets(first: 100) with latest audit event', {
    url: `${base}/graphql`,
    connections: conns,
    method: 'POST',
    headers: jsonHeaders(),
    body: graphqlAuditBody,
    expectBody: graphqlAudit,
  });
  await run(
    'bareCeilingAudit',
    'Apollo + graphql-jit alone, the page with latest audit event from memory',
    {
      url: `${ceiling.baseUrl}/graphql`,
      connections: conns,
      method: 'POST',
      headers: jsonHeaders(),
      body: graphqlAuditBody,
      expectBody: graphqlAudit,
    },
  );
  await run(
    'audit',
    'GET audit?limit=50',
    { url: `${base}${paths.audit}`, connections: settings.auditConnections, headers: authHeaders },
    pageNote(auditPage),
  );
  await run(
    'auditTeam',
    'GET audit?limit=50&team=…',
    {
      url: `${base}${paths.auditTeam}`,
      connections: settings.auditConnections,
      headers: authHeaders,
    },
    pageNote(auditTeamPage),
  );
  // The same pages one at a time: the latency of a request that does not queue behind others.
  const alone = Math.min(settings.duration, 5);
  await run('audit1', 'GET audit?limit=50, alone', {
    url: `${base}${paths.audit}`,
    connections: 1,
    duration: alone,
    headers: authHeaders,
  });
  await run('auditTeam1', 'GET audit?limit=50&team=…, alone', {
    url: `${base}${paths.auditTeam}`,
    connections: 1,
    duration: alone,
    headers: authHeaders,
  });
  const lastAuditId = async () =>
    query(database.url, async (client) => {
      const { rows } = await client.query<{ id: string | null }>(
        'SELECT max(id) AS id FROM audit_events',
      );
      return Number(rows[0]?.id ?? 0);
    });
  /** The last audit id once the service has finished the writes still in flight (bounded). */
  const settledAuditId = async () => {
    let last = await lastAuditId();
    for (let i = 0; i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await lastAuditId();
      if (now === last) return now;
      last = now;
    }
    return last;
  };
  const auditBefore = await lastAuditId();
  await run(
    'writes',
    'PUT alias-sets (audited writes)',
    { url: base, connections: conns, setupRequest: writeRequest },
    async ({ load, warmup }) => {
      const written = (await settledAuditId()) - auditBefore;
      const ok = successes(load) + successes(warmup);
      // The load generator drops the requests in flight when a run ends; the service still
      // completes them, so up to one per connection per run are audited without a 2xx seen.
      const unseen = written - ok;
      const consistent = unseen >= 0 && unseen <= 2 * conns;
      return (
        `${written.toLocaleString('en')} audit events for ${ok.toLocaleString('en')} 2xx PUTs ` +
        `seen (warm-up included; ${unseen} more were in flight when the load generator stopped) ` +
        `over ${writeTargets.length.toLocaleString('en')} sets: ` +
        (consistent
          ? 'every write was a real change with its audit event.'
          : 'INCONSISTENT, check the service.')
      );
    },
  );
  // The same writes once a webhook is subscribed to every set written (one per team written,
  // with a receiver answering at once): the writer must not pay for delivery.
  const sink = await startWebhookSink();
  cleanups.push(['webhook receiver', () => sink.stop()]);
  for (const team of new Set(writeTargets.map((target) => target.team))) {
    await expectOk(
      `${base}/api/v1/teams/${team}/webhooks`,
      {
        method: 'POST',
        headers: jsonHeaders(),
        body: JSON.stringify({ url: sink.url, events: ['alias_set.updated'] }),
      },
      'create webhook',
    );
  }
  const auditBeforeWebhook = await settledAuditId();
  await run(
    'writesWebhook',
    'PUT alias-sets with a webhook subscribed',
    { url: base, connections: conns, setupRequest: writeRequest },
    async () => {
      const written = (await settledAuditId()) - auditBeforeWebhook;
      const pending = await query(database.url, async (client) => {
        const { rows } = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM webhook_deliveries WHERE status = 'pending'`,
        );
        return Number(rows[0]?.n ?? 0);
      });
      return (
        `${written.toLocaleString('en')} writes, ${sink.received().toLocaleString('en')} ` +
        `webhooks received by the end of the run, ${pending.toLocaleString('en')} still pending ` +
        '(delivered in the background after the writes returned).'
      );
    },
  );
  // The floor of the writes: the service's own write transaction behind bare node:http. Last, with
  // the webhooks gone (their pending deliveries with them), so neither its writes nor the
  // service's delivery work weigh on the two scenarios whose ratio is a goal.
  await query(database.url, (client) => client.query('DELETE FROM webhooks'));
  await run('bareFloorWrites', "floor: node:http + the service's write transaction", {
    url: floor.baseUrl,
    connections: conns,
    setupRequest: writeRequest,
  });
  // Some 20,000 writes leave dead rows that autovacuum would clean up during the profile and
  // growth runs (the growth ratios moved by up to half once the floor added its writes): clean up
  // now, as after seeding.
  await query(database.url, async (client) => {
    await client.query('VACUUM (ANALYZE)');
    await client.query('CHECKPOINT');
  });
  const last = memoryOf(service.child.pid);
  const memory = last && { ...last, peakMb: Math.max(runPeakMb, last.peakMb) };
  await service.child.stop();
  await bare.child.stop();
  await bareFastify.child.stop();
  await bareAdmission.child.stop();
  await floor.child.stop();
  await ceiling.child.stop();

  const profiles: Report['profiles'] = [];
  if (settings.profile) {
    log('profiling a second service process ...');
    const profileOut = join(work, 'profile');
    const profiled: Service = await startService({ databaseUrl: database.url, profileOut });
    cleanups.push(['profiled service', () => profiled.child.stop()]);
    const seconds = Math.min(settings.duration, 5);
    const phases: [string, string, Omit<LoadOptions, 'duration'>][] = [
      [
        'hosts',
        'GET render/hosts',
        { url: `${profiled.baseUrl}${paths.hosts}`, connections: conns, headers: authHeaders },
      ],
      [
        'admission',
        'POST admission/mutate',
        {
          url: `${profiled.baseUrl}${admissionPath}`,
          connections: conns,
          method: 'POST',
          headers: jsonHeaders(),
          body: review,
        },
      ],
      [
        'graphql',
        'POST /graphql aliasSets(first: 100)',
        {
          url: `${profiled.baseUrl}/graphql`,
          connections: conns,
          method: 'POST',
          headers: jsonHeaders(),
          body: graphqlBody,
        },
      ],
      [
        'graphqlAudit',
        'POST /graphql aliasSets(first: 100) with latest audit event',
        {
          url: `${profiled.baseUrl}/graphql`,
          connections: conns,
          method: 'POST',
          headers: jsonHeaders(),
          body: graphqlAuditBody,
        },
      ],
      [
        'writes',
        'PUT alias-sets',
        { url: profiled.baseUrl, connections: conns, setupRequest: writeRequest },
      ],
    ];
    const selected = phases.filter(
      ([key]) => settings.only.length === 0 || settings.only.includes(key),
    );
    for (const [, title, options] of selected) {
      await runLoad({ ...options, duration: settings.warmup });
      await profilerCommand(profiled, 'start');
      await runLoad({ ...options, duration: seconds });
      const file = await profilerCommand(profiled, 'stop');
      if (process.env.BENCH_PROFILE_KEEP)
        copyFileSync(file, `${process.env.BENCH_PROFILE_KEEP}.${profiles.length}.cpuprofile`);
      profiles.push({ title, summary: summarizeProfile(file) });
    }
    await profiled.child.stop();
  }

  // Growth (bench/growth.ts): a database and a service of their own, 1,000 then 100,000 sets.
  const growth =
    settings.only.length === 0 || settings.only.includes('growth')
      ? await measureGrowth({
          databaseUrl: database.url,
          connections: GROWTH.connections,
          duration: Math.min(settings.duration, 5),
          warmup: settings.warmup,
          log,
        })
      : undefined;

  machine.push(['load average at end', loadAverage()]);
  const byKey = new Map(scenarios.map((s) => [s.key, s]));
  const bareRps =
    ((byKey.get('bare1')?.load.rps ?? NaN) + (byKey.get('bare2')?.load.rps ?? NaN)) / 2;
  for (const key of ['bareFastify', 'hosts', 'patch']) {
    const scenario = byKey.get(key);
    if (scenario) scenario.ratio = scenario.load.rps / bareRps;
  }
  const admission = byKey.get('admission');
  if (admission) {
    const bareAdmissionRps =
      ((byKey.get('bareAdmission1')?.load.rps ?? NaN) +
        (byKey.get('bareAdmission2')?.load.rps ?? NaN)) /
      2;
    admission.ratio = admission.load.rps / bareAdmissionRps;
  }
  const report: Report = {
    date: new Date().toISOString(),
    machine,
    settings: [
      [
        'duration per scenario',
        `${settings.duration} s measured after a ${settings.warmup} s warm-up run`,
      ],
      ['connections', `${conns} (audit pages: ${settings.auditConnections})`],
      ['render sets', renderSets.join(', ')],
      ['writes', `round-robin over ${writeTargets.length} sets, alternating two contents`],
      [
        'service',
        'dist/src/main.js, NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMIT_PER_MINUTE=0, ' +
          `NODE_OPTIONS=${SERVICE_NODE_OPTIONS === '' ? '(unset)' : SERVICE_NODE_OPTIONS}, ` +
          `node flags ${SERVICE_NODE_FLAGS.length === 0 ? '(none)' : SERVICE_NODE_FLAGS.join(' ')} (the Dockerfile's)`,
      ],
    ],
    seed,
    seedSeconds,
    scenarios,
    memory: memory && {
      ...memory,
      boot: bootMemory,
      bootHeap,
      idle,
      stack: stackBoot &&
        stackIdle &&
        stackPeak &&
        stackRun && {
          bootMb: stackBoot.rssMb,
          beforeMb: stackIdle.rssMb,
          peakMb: stackPeak.peakMb,
          rps: stackRun.load.rps,
          connections: stackRun.connections,
        },
    },
    micro,
    targets: [],
    profiles,
    notes: [
      `Render ratios are to the mean of the two bare runs (${bareRps.toFixed(0)} req/s), ` +
        'which bracket the render runs; the bare server returns the same bytes as render/hosts.',
      'The load generator, the service and PostgreSQL share the same cores, as in STACK.md.',
      ...loadGeneratorNote(scenarios),
    ],
    totalSeconds: 0,
    growth,
  };
  report.targets = decide(report);
  report.totalSeconds = (performance.now() - started) / 1000;
  const markdown = renderReport(report);
  const committed = join(__dirname, 'RESULTS.md');
  const analysis = existsSync(committed)
    ? handWrittenAnalysis(readFileSync(committed, 'utf8'))
    : '';
  await writeFile(settings.results, `${markdown}\n${analysis === '' ? '' : `\n${analysis}\n`}`);
  log(`\n${markdown}`);
  log(`\nwritten to ${settings.results}`);
}

main()
  .catch((error: unknown) => {
    if (interrupted) return; // what fails while everything is being stopped is no news
    console.error(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanup().finally(() => process.exit()));
