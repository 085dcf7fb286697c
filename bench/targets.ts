import { availableParallelism } from 'node:os';

import { growthTargets } from './growth';
import type { ProfileSummary } from './profile';
import { idleStory, type Report, type Scenario, type Target } from './report';
import type { MicroMode, MicroShape } from './resolve-micro';

/** The goals of issues 3, 4 and 6, judged on this run's figures. */
export const GOALS = {
  renderRatio: 0.8,
  renderP99Ms: 5,
  admissionP99Ms: 5,
  writesPerSecond: 1000,
  /** Writes/s with a webhook subscribed over writes/s without, same run: delivery is not the writer's. */
  webhookWriteRatio: 0.85,
  auditPageMs: 20,
  /** Service CPU per GraphQL list of 100 sets, and its req/s over REST's for the same sets. */
  graphqlCpuMs: 3,
  graphqlRestRatio: 0.5,
  rssMb: 200,
  resolveMs: 20,
  /** 50 sets over 10 sets: linear is ×5; allow for timer noise at a few milliseconds. */
  resolveGrowth: 6,
};

const f0 = (value: number) =>
  Number.isFinite(value) ? Math.round(value).toLocaleString('en') : 'n/a';
const f2 = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');
const pct = (value: number | undefined) =>
  value === undefined ? 'n/a' : `${Math.round(value * 100)} %`;

export function decide(report: Report): Target[] {
  const byKey = new Map(report.scenarios.map((s) => [s.key, s]));
  const profile = (title: string) => report.profiles.find((p) => p.title.includes(title))?.summary;
  const targets: Target[] = [];

  for (const [key, name] of [
    ['hosts', 'render/hosts'],
    ['patch', 'render/patch'],
  ] as const) {
    const s = byKey.get(key);
    if (!s) continue;
    const hostsProfile = profile('render/hosts');
    targets.push({
      what: `${name}: req/s vs bare node:http`,
      goal: `≥ ${GOALS.renderRatio.toFixed(2)}`,
      measured: `${f2(s.ratio ?? NaN)} (${f0(s.load.rps)} req/s)`,
      pass: (s.ratio ?? 0) >= GOALS.renderRatio,
      diagnosis: `${cpuStory(s, byKey.get('bare1'))}${frameworkStory(byKey.get('bareFastify'))}${profileStory(hostsProfile)}`,
    });
    targets.push({
      what: `${name}: p99 at ${s.connections} connections`,
      goal: `< ${GOALS.renderP99Ms} ms`,
      measured: `${f2(s.load.p99)} ms (p50 ${f2(s.load.p50)} ms)`,
      pass: s.load.p99 < GOALS.renderP99Ms,
      diagnosis: `${queueStory(s)}${bareTailStory([byKey.get('bare1'), byKey.get('bare2')])}`,
    });
  }

  const admission = byKey.get('admission');
  if (admission) {
    targets.push({
      what: `admission review: p99 at ${admission.connections} connections`,
      goal: `< ${GOALS.admissionP99Ms} ms`,
      measured: `${f2(admission.load.p99)} ms (p50 ${f2(admission.load.p50)} ms), ${f0(admission.load.rps)} req/s, ${f2(admission.ratio ?? NaN)} of bare node:http answering the same bytes`,
      pass: admission.load.p99 < GOALS.admissionP99Ms,
      diagnosis: `${cpuStory(admission)} ${queueStory(admission)}`,
    });
  }

  const manifests = byKey.get('manifests');
  if (manifests) {
    targets.push({
      what: `manifests/apply, 20 documents, at ${manifests.connections} connections (stated, no goal)`,
      goal: 'none',
      measured: `${f0(manifests.load.rps)} req/s (${f0(manifests.load.rps * 20)} documents/s), p99 ${f2(manifests.load.p99)} ms`,
      pass: null,
      diagnosis: `${cpuStory(manifests)} Parsing and reprinting YAML dominates: the resolution is shared by the 15 workloads of a file.`,
    });
  }

  const writes = byKey.get('writes');
  if (writes) {
    targets.push({
      what: 'audited writes (PUT, real changes)',
      goal: `≥ ${f0(GOALS.writesPerSecond)}/s`,
      measured:
        `${f0(writes.load.rps)}/s (p50 ${f2(writes.load.p50)} ms, p99 ${f2(writes.load.p99)} ms)` +
        floorFigure(byKey.get('bareFloorWrites'), (floor) => `${f0(floor.load.rps)}/s`),
      pass: writes.load.rps >= GOALS.writesPerSecond,
      diagnosis: `${cpuStory(writes)}${writeFloorStory(writes, byKey.get('bareFloorWrites'))}${profileStory(profile('PUT'))}`,
    });
  }

  const withWebhook = byKey.get('writesWebhook');
  if (writes && withWebhook) {
    const ratio = withWebhook.load.rps / writes.load.rps;
    targets.push({
      what: 'writes with a webhook subscribed vs none (same run)',
      goal: `≥ ${GOALS.webhookWriteRatio.toFixed(2)}`,
      measured:
        `${f2(ratio)} (${f0(withWebhook.load.rps)}/s vs ${f0(writes.load.rps)}/s, ` +
        `p99 ${f2(withWebhook.load.p99)} ms vs ${f2(writes.load.p99)} ms)`,
      pass: ratio >= GOALS.webhookWriteRatio,
      diagnosis:
        'The writer only inserts the outbox row; signing and sending run in the background ' +
        `worker on the same cores. ${withWebhook.note ?? ''}`,
    });
  }

  for (const [key, name] of [
    ['audit', 'first audit page'],
    ['auditTeam', 'first audit page, ?team='],
  ] as const) {
    const s = byKey.get(key);
    const alone = byKey.get(`${key}1`);
    if (!s) continue;
    const aloneStory = alone
      ? ` Alone (one connection) it takes p50 ${f2(alone.load.p50)} ms, p99 ${f2(alone.load.p99)} ms` +
        ` (service ${f0(alone.cpu.perRequestUs.service ?? NaN)} µs CPU, PostgreSQL ` +
        `${f0(alone.cpu.perRequestUs.postgres ?? NaN)} µs): at ${s.connections} connections the ` +
        'rest is queueing for the service.'
      : '';
    targets.push({
      what: `${name} (${f0(report.seed.counts.auditEvents)} events), p99`,
      goal: `< ${GOALS.auditPageMs} ms`,
      measured: `${f2(s.load.p99)} ms (p50 ${f2(s.load.p50)} ms)`,
      pass: s.load.p99 < GOALS.auditPageMs,
      diagnosis: `${cpuStory(s)}${aloneStory}${s.note ? ` ${capitalize(s.note)}` : ''}`,
    });
  }

  const rest = byKey.get('restList');
  const pageFloor = byKey.get('bareFloorPage');
  for (const [key, ceilingKey] of [
    ['graphql', 'bareCeilingPage'],
    ['graphqlAudit', 'bareCeilingAudit'],
  ] as const) {
    const s = byKey.get(key);
    if (!s) continue;
    const ceiling = byKey.get(ceilingKey);
    const cpuMs = (s.cpu.perRequestUs.service ?? NaN) / 1000;
    const ceilingFigure = ceiling
      ? `; Apollo + graphql-jit alone ${f2(floorCpuMs(ceiling))} ms`
      : '';
    targets.push({
      what: `${s.title}: service CPU per request`,
      goal: `≤ ${GOALS.graphqlCpuMs} ms`,
      measured:
        `${f2(cpuMs)} ms (${f0(s.load.rps)} req/s, p99 ${f0(s.load.p99)} ms)` +
        floorFigure(pageFloor, (floor) => `${f2(floorCpuMs(floor))} ms`) +
        ceilingFigure,
      pass: cpuMs <= GOALS.graphqlCpuMs,
      diagnosis: `${cpuStory(s)}${pageFloorStory(pageFloor)}${librariesStory(ceiling)}${profileStory(profile(key === 'graphql' ? 'graphql' : 'latest audit'))}`,
    });
    if (!rest) continue;
    const ratio = s.load.rps / rest.load.rps;
    targets.push({
      what: `${s.title}: req/s vs REST list of the same sets`,
      goal: `≥ ${GOALS.graphqlRestRatio.toFixed(2)}`,
      measured:
        `${f2(ratio)} (REST ${f0(rest.load.rps)} req/s, ${f0(rest.cpu.perRequestUs.service ?? NaN)} µs service CPU)` +
        ceilingFigure,
      pass: ratio >= GOALS.graphqlRestRatio,
      diagnosis: `${cpuStory(s)}${librariesRatioStory(rest, ceiling)}`,
    });
  }

  if (report.memory) {
    targets.push({
      what: 'service peak RSS (VmHWM)',
      goal: `< ${GOALS.rssMb} MB`,
      measured: `${f0(report.memory.peakMb)} MB`,
      pass: report.memory.peakMb < GOALS.rssMb,
      diagnosis:
        `Peak over the whole run (${f0(report.memory.boot?.rssMb ?? NaN)} MB right after start); ` +
        `it rose with ${peakStory(report.scenarios)}. ${heapStory(report)} At the end, ` +
        `${f0(report.memory.fileMb)} MB of the RSS were pages mapped from files (the node ` +
        `binary's code and read-only data) and ${f0(report.memory.anonMb)} MB anonymous.` +
        idleStory(report.memory),
    });
  }

  targets.push(...resolutionTargets(report));

  targets.push(...growthTargets(report.growth));

  const failing = report.scenarios.filter(
    (s) => s.load.non2xx + s.load.errors + s.load.mismatches > 0,
  );
  targets.push({
    what: 'every response 2xx with the expected body',
    goal: '0 failures',
    measured: failing.length === 0 ? '0' : failing.map((s) => s.title).join(', '),
    pass: failing.length === 0,
    diagnosis: 'See the non-2xx / errors column of the HTTP scenarios table.',
  });
  return targets;
}

/**
 * The issue 3 goal, on the compiled path (each set compiled once per version, as the service
 * keeps them) for the two realistic shapes, with growth from 10 to 50 sets. The worst case
 * (contested) and the cold path are stated in the diagnosis, with their figures.
 */
function resolutionTargets(report: Report): Target[] {
  const find = (shape: MicroShape, mode: MicroMode, sets: number) =>
    report.micro.find((m) => m.shape === shape && m.mode === mode && m.sets === sets);
  const targets: Target[] = [];
  for (const shape of ['layered', 'disjoint'] as const) {
    const m50 = find(shape, 'compiled', 50);
    const m10 = find(shape, 'compiled', 10);
    const cold = find(shape, 'cold', 50);
    if (!m50) continue;
    const coldStory = cold
      ? ` Cold, compiling all 50 sets in the run: ${f2(cold.medianMs)} ms (once per set version).`
      : '';
    targets.push({
      what: `resolveAliasSets 50 × 10,000 entries, ${shape}`,
      goal: `< ${GOALS.resolveMs} ms`,
      measured: `${f2(m50.medianMs)} ms median (p90 ${f2(m50.p90Ms)} ms)`,
      pass: m50.medianMs < GOALS.resolveMs,
      diagnosis:
        `${f2((m50.medianMs * 1000) / m50.entries)} µs per entry over ${f0(m50.entries)} entries ` +
        `(${f0(m50.hostAliases)} addresses out, ${f0(m50.overridden)} overrides recorded).` +
        coldStory,
    });
    if (!m10) continue;
    const growth = m50.medianMs / m10.medianMs;
    targets.push({
      what: `resolveAliasSets growth from 10 to 50 sets, ${shape}`,
      goal: `linear (×5, ≤ ×${f2(GOALS.resolveGrowth)})`,
      measured: `×${f2(growth)}`,
      pass: growth <= GOALS.resolveGrowth,
      diagnosis: `${f2(m10.medianMs)} ms at 10 sets, ${f2(m50.medianMs)} ms at 50.`,
    });
  }
  const worst = find('contested', 'compiled', 50);
  if (worst) {
    targets.push({
      what: 'resolveAliasSets 50 × 10,000 entries, contested (worst case, not a goal)',
      goal: 'none',
      measured: `${f2(worst.medianMs)} ms median (p90 ${f2(worst.p90Ms)} ms)`,
      pass: null,
      diagnosis:
        `${f0(worst.overridden)} overrides are reported and ${f0(worst.hostAliases)} lines built: ` +
        'about 1.5 million objects per call, so allocation and garbage collection set the time.',
    });
  }
  return targets;
}

/** `; floor <figure>` when the floor was measured in this run. */
function floorFigure(floor: Scenario | undefined, figure: (floor: Scenario) => string): string {
  return floor ? `; floor ${figure(floor)}` : '';
}

/** The floor process's CPU per request, in ms (its CPU is counted as the bare server's). */
function floorCpuMs(floor: Scenario): number {
  return (floor.cpu.perRequestUs.bare ?? NaN) / 1000;
}

/** The page's floor: bare node:http and pg answering the same bytes (bench/floor-server.ts). */
function pageFloorStory(floor?: Scenario): string {
  if (!floor) return '';
  const ms = floorCpuMs(floor);
  return (
    ` The floor, bare node:http and pg answering the same bytes from one statement that fetches ` +
    `only the selected fields, used ${f2(ms)} ms of CPU per page in this run (${f0(floor.load.rps)} ` +
    `req/s): ${ms > GOALS.graphqlCpuMs ? 'above the goal, so no Node.js service on this machine reaches it for this page, GraphQL or not' : 'within the goal, so the rest is GraphQL and the service'}.`
  );
}

/** The GraphQL libraries alone: plain Apollo and graphql-jit, the page from memory. */
function librariesStory(ceiling?: Scenario): string {
  if (!ceiling) return '';
  const ms = floorCpuMs(ceiling);
  return (
    ` Plain Apollo Server on Fastify with graphql-jit, answering the same bytes from memory (no ` +
    `database, no Nest, no authentication, no logging: bench/ceiling-server.ts), used ${f2(ms)} ms ` +
    `of CPU per page in this run (${f0(ceiling.load.rps)} req/s): what the GraphQL libraries ` +
    `alone spend on it, ${ms >= GOALS.graphqlCpuMs ? 'already over' : `${f2(GOALS.graphqlCpuMs - ms)} ms under`} the goal.`
  );
}

/** The best ratio to REST a GraphQL page could reach if it cost only what the libraries do. */
function librariesRatioStory(rest: Scenario, ceiling?: Scenario): string {
  if (!ceiling) return '';
  const restMs = (rest.cpu.perRequestUs.service ?? NaN) / 1000;
  const libraries = floorCpuMs(ceiling);
  return (
    ` The REST list's whole request used ${f2(restMs)} ms of the service's CPU; the GraphQL ` +
    `libraries alone spend ${f2(libraries)} ms on the same page, so a service doing nothing else ` +
    `would reach at most ${f2(restMs / libraries)} of REST's throughput on the same core.`
  );
}

/** The writes' floor: the service's own write transaction behind bare node:http. */
function writeFloorStory(writes: Scenario, floor?: Scenario): string {
  if (!floor) return '';
  const us = floor.cpu.perRequestUs;
  return (
    ` The floor, the service's own write (AliasSetWriter.write: read, domain decision, one ` +
    `statement with revision, audit event, outbox row and NOTIFY) called from bare ` +
    `node:http, did ${f0(floor.load.rps)}/s in this run (p99 ${f2(floor.load.p99)} ms; per write ` +
    `${f0(us.bare ?? NaN)} µs of its CPU, ${f0(us.postgres ?? NaN)} µs of PostgreSQL's): the ` +
    `service reaches ${f2(writes.load.rps / floor.load.rps)} of it` +
    `${floor.load.rps < GOALS.writesPerSecond ? ', and the floor itself is under the goal' : ''}.`
  );
}

/** Plain Fastify answering the same bytes in the same run: what a framework alone costs. */
function frameworkStory(plain?: Scenario): string {
  if (!plain) return '';
  return (
    ` Plain Fastify with one route, answering the same bytes in this run: ${f2(plain.ratio ?? NaN)} ` +
    `of bare (${f0(plain.load.rps)} req/s, ${f0(plain.cpu.perRequestUs.bare ?? NaN)} µs per request).`
  );
}

/** What limited the scenario, from the CPU each process used during it. */
function cpuStory(s: Scenario, bare?: Scenario): string {
  const { perRequestUs: us, coreShare: share } = s.cpu;
  const parts = [
    `Per request the service used ${f0(us.service ?? NaN)} µs of CPU (${pct(share.service)} of one core)`,
    `PostgreSQL ${f0(us.postgres ?? NaN)} µs (${pct(share.postgres)})`,
    `the load generator ${f0(us.loadgen ?? NaN)} µs (${pct(share.loadgen)})`,
  ];
  let story = `${parts.join(', ')}.`;
  if (bare?.cpu.perRequestUs.bare !== undefined) {
    story += ` The bare server needs ${f0(bare.cpu.perRequestUs.bare)} µs per request.`;
  }
  const machine = Object.values(share).reduce((sum, value) => sum + value, 0);
  if ((share.service ?? 0) >= 0.85) {
    story +=
      ` The service's one Node.js thread is saturated: at this cost a core serves at most ` +
      `~${f0(1e6 / (us.service ?? NaN))} req/s, so the cost per request in the service is what to cut.`;
  } else if (machine >= 0.9 * availableParallelism()) {
    story +=
      ` All processes together kept the machine's ${availableParallelism()} cores busy ` +
      `(${f2(machine)} cores' worth), so the service did not even get a full core.`;
  } else if ((share.postgres ?? 0) >= 0.85) {
    story += ' PostgreSQL is the busiest process: the queries per request are what to cut.';
  } else if (s.connections > 8) {
    story +=
      ' Neither the service nor PostgreSQL is saturated, so requests mostly wait: for database ' +
      'round trips made one after another, for one of the 10 pooled connections, or for locks.';
  }
  story += sessionStory(s);
  if ((share.other ?? 0) > 0.3) {
    story += ` Other processes used ${pct(share.other)} of a core during this scenario: the run was disturbed.`;
  }
  return story;
}

function sessionStory(s: Scenario): string {
  if (!s.sessions) return '';
  if ((s.cpu.perRequestUs.postgres ?? Infinity) < 20) {
    return " PostgreSQL does next to nothing per request: the path is served from the service's memory.";
  }
  const sum = (keep: (what: string) => boolean) =>
    (s.sessions ?? []).filter(([what]) => keep(what)).reduce((total, [, n]) => total + n, 0);
  const active = sum((what) => what.startsWith('active'));
  const waiting = sum((what) => what.startsWith('idle in transaction'));
  let story =
    ` PostgreSQL sessions of the service, on average: ${f2(active)} running a statement, ` +
    `${f2(waiting)} idle in an open transaction (waiting for the service's next statement).`;
  if (active + waiting >= 9) {
    story += ' Its pool of 10 connections is fully taken, so other requests queue for one.';
  }
  return story;
}

function queueStory(s: Scenario): string {
  const mean = (s.connections / s.load.rps) * 1000;
  const needed = (s.connections / GOALS.renderP99Ms) * 1000;
  const story =
    `With ${s.connections} connections always busy, latency is mostly queueing: by Little's law the ` +
    `mean is connections / throughput = ${f2(mean)} ms here, so a p99 under ${GOALS.renderP99Ms} ms ` +
    `needs well over ${f0(needed)} req/s`;
  if (s.load.rps < needed) return `${story}: this target falls with the throughput one.`;
  return (
    `${story}, which this run has; the tail (p99 ${f2(s.load.p99)} ms = ` +
    `${f2(s.load.p99 / s.load.p50)} × p50) is pauses of the one thread: garbage collection and ` +
    'other work on the event loop (timers, metrics), so it shrinks with the cost per request too.'
  );
}

/** The bare server's own tail in this run: the measured ceiling for the render p99 goal. */
function bareTailStory(bares: (Scenario | undefined)[]): string {
  const runs = bares.filter((s): s is Scenario => s !== undefined);
  if (runs.length === 0) return '';
  const p99s = runs.map((s) => f2(s.load.p99)).join(' / ');
  const story =
    ' The bare node:http server, answering the same bytes at the same connections in this run, ' +
    `had a p99 of ${p99s} ms (before / after the render runs)`;
  if (Math.min(...runs.map((s) => s.load.p99)) < GOALS.renderP99Ms) return `${story}.`;
  return (
    `${story}: over the goal itself. On this machine in this run even the bare server missed it, ` +
    "so the tail is the machine's (the load generator and the servers share two cores): the " +
    'ceiling in the way of this goal.'
  );
}

function profileStory(profile: ProfileSummary | undefined): string {
  if (!profile) return '';
  const list = (entries: [string, number][], n: number) =>
    entries
      .slice(0, n)
      .map(([name, share]) => `${name} ${pct(share)}`)
      .join(', ');
  return ` CPU profile: on the stack ${list(profile.inclusive, 6)}; self time ${list(profile.self, 4)}.`;
}

function peakStory(scenarios: Scenario[]): string {
  let previous = 0;
  const steps: string[] = [];
  for (const s of scenarios) {
    if (s.peakRssMb === undefined || s.key.startsWith('bare')) continue;
    if (s.peakRssMb > previous + 10) steps.push(`${s.title} → ${f0(s.peakRssMb)} MB`);
    previous = Math.max(previous, s.peakRssMb);
  }
  return steps.join(', ') || 'no single scenario';
}

/** Whether the growth is the V8 heap (garbage kept around under load) or memory outside it. */
function heapStory(report: Report): string {
  const last = report.scenarios.filter((s) => s.heap).at(-1)?.heap;
  const boot = report.memory?.bootHeap;
  if (!last || !boot || !report.memory) return '';
  return (
    `The V8 heap went from ${f0(boot.heapTotalMb)} MB (${f0(boot.heapUsedMb)} MB used) at start to ` +
    `${f0(last.heapTotalMb)} MB (${f0(last.heapUsedMb)} MB used) at the end, external memory ` +
    `${f0(last.externalMb)} MB: ${f0(last.heapTotalMb - boot.heapTotalMb)} MB of the ` +
    `${f0(report.memory.peakMb - (report.memory.boot?.rssMb ?? NaN))} MB of RSS growth is the ` +
    'JavaScript heap (garbage kept between collections under load); the rest is outside it ' +
    '(compiled code, buffers, allocator slack, pages of the node binary first used under load).'
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
