import { AliasSetCompiler, CompiledAliasSet, SymbolTable } from './compiled-alias-set';
import { DomainError, DomainErrorCode } from './errors';
import type { AliasEntry, AliasSetSnapshot, HostAlias } from './host-alias';
import { parseIpSloppy } from './ip';
import {
  type ConflictPolicy,
  expandIncludes,
  type HostnameConflict,
  type Overridden,
  resolveAliasSets,
} from './resolve';

function snapshot(ref: string, entries: AliasEntry[], includes: string[] = []): AliasSetSnapshot {
  const [team, name] = ref.split('/');
  return { team, name, description: '', shared: true, entries, includes, version: 1 };
}

const refOf = (set: AliasSetSnapshot) => `${set.team}/${set.name}`;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

type Outcome =
  { hostAliases: HostAlias[]; overridden: Overridden[] } | { conflicts: HostnameConflict[] };

/**
 * SPEC section 3 written as plainly as possible, with strings and linear searches: the oracle the
 * compiled resolver is compared with.
 */
function referenceResolve(
  refs: string[],
  cluster: string | undefined,
  policy: ConflictPolicy,
  getSet: (ref: string) => AliasSetSnapshot | undefined,
): Outcome {
  const keyOf = (ip: string) => parseIpSloppy(ip) ?? `?:${ip}`;
  const winners = new Map<string, { key: string; ip: string; from: string }>();
  const lines: { key: string; ip: string; hostnames: string[] }[] = [];
  const overridden: Overridden[] = [];
  const conflicts: { report: HostnameConflict; keys: string[] }[] = [];
  for (const ref of expandIncludes(refs, getSet)) {
    const set = getSet(ref) as AliasSetSnapshot;
    const scoped = (entry: AliasEntry) => (entry.clusters ?? []).length > 0;
    const applies = (entry: AliasEntry) =>
      !scoped(entry) || (cluster !== undefined && (entry.clusters ?? []).includes(cluster));
    const scopedNames = set.entries
      .filter((entry) => scoped(entry) && applies(entry))
      .flatMap((entry) => entry.hostnames);
    for (const entry of set.entries.filter(applies)) {
      const key = keyOf(entry.ip);
      for (const hostname of entry.hostnames) {
        if (!scoped(entry) && scopedNames.includes(hostname)) continue;
        const winner = winners.get(hostname);
        if (winner === undefined) {
          winners.set(hostname, { key, ip: entry.ip, from: ref });
          let line = lines.find((candidate) => candidate.key === key);
          if (line === undefined) {
            line = { key, ip: entry.ip, hostnames: [] };
            lines.push(line);
          }
          line.hostnames.push(hostname);
        } else if (winner.key !== key) {
          overridden.push({
            hostname,
            ip: entry.ip,
            from: ref,
            keptIp: winner.ip,
            keptFrom: winner.from,
          });
          let conflict = conflicts.find((candidate) => candidate.report.hostname === hostname);
          if (conflict === undefined) {
            const sources = [{ ip: winner.ip, from: winner.from }];
            conflict = { report: { hostname, sources }, keys: [winner.key] };
            conflicts.push(conflict);
          }
          if (!conflict.keys.includes(key)) {
            conflict.keys.push(key);
            conflict.report.sources.push({ ip: entry.ip, from: ref });
          }
        }
      }
    }
  }
  if (policy === 'error' && conflicts.length > 0) {
    return { conflicts: conflicts.map((conflict) => conflict.report) };
  }
  const hostAliases = lines.map((line) => ({ ip: line.ip, hostnames: line.hostnames }));
  return { hostAliases, overridden: policy === 'first' ? overridden : [] };
}

function outcomeOf(run: () => { hostAliases: HostAlias[]; overridden: Overridden[] }): Outcome {
  try {
    const { hostAliases, overridden } = run();
    return { hostAliases, overridden };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== DomainErrorCode.CONFLICT) throw error;
    return { conflicts: error.details.conflicts as HostnameConflict[] };
  }
}

describe('compiled resolution against a plain reference (SPEC 3)', () => {
  // Several spellings of the same addresses, so that "by value" is exercised everywhere.
  const IPS = ['10.0.0.1', '010.0.0.1', '10.0.0.2', '::ffff:10.0.0.2', 'fd00::1', 'fd00:0::1'];
  const HOSTNAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const SCOPES: (string[] | undefined)[] = [undefined, undefined, [], ['eu'], ['us', 'eu']];
  const CLUSTERS = [undefined, 'eu', 'us', 'asia'];

  /** Six random sets; a set includes only later ones, so there are no cycles. */
  function randomSets(random: (below: number) => number, version: number): AliasSetSnapshot[] {
    return Array.from({ length: 6 }, (_, s) => {
      const entries = Array.from({ length: 1 + random(5) }, (): AliasEntry => {
        const pool = [...HOSTNAMES];
        const hostnames = Array.from(
          { length: 1 + random(3) },
          () => pool.splice(random(pool.length), 1)[0],
        );
        const clusters = SCOPES[random(SCOPES.length)];
        const entry = { ip: IPS[random(IPS.length)], hostnames };
        return clusters === undefined ? entry : { ...entry, clusters };
      });
      const later = Array.from({ length: 5 - s }, (_, i) => `t/s${s + 1 + i}`);
      const includes = later.filter(() => random(4) === 0);
      return { ...snapshot(`t/s${s}`, entries, includes), version };
    });
  }

  // Small on purpose: sets are evicted and compiled again while the test runs.
  const kept = new AliasSetCompiler<AliasSetSnapshot>({
    keyOf: (set) => `${refOf(set)}@${set.version}`,
    maxEntries: 40,
  });

  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('random closures, seed %i', (seed) => {
    const random = randomSource(seed);
    for (let round = 0; round < 40; round++) {
      const sets = randomSets(random, seed * 1000 + round);
      const byRef = new Map(sets.map((set) => [refOf(set), set]));
      const getSet = (ref: string) => byRef.get(ref);
      const refs = [...new Set(Array.from({ length: 1 + random(3) }, () => `t/s${random(6)}`))];
      const cluster = CLUSTERS[random(CLUSTERS.length)];
      for (const onConflict of ['error', 'first'] as const) {
        const expected = referenceResolve(refs, cluster, onConflict, getSet);
        const input = { refs, cluster, onConflict, getSet };
        expect(outcomeOf(() => resolveAliasSets(input))).toEqual(expected);
        expect(outcomeOf(() => resolveAliasSets({ ...input, compiler: kept }))).toEqual(expected);
      }
    }
  });
});

describe('AliasSetCompiler', () => {
  const base = snapshot('t/base', [
    { ip: '10.0.0.1', hostnames: ['db'] },
    { ip: '10.0.0.2', hostnames: ['cache'] },
  ]);
  const extra = snapshot('t/extra', [{ ip: '010.0.0.1', hostnames: ['db-replica'] }]);
  const getSet = (ref: string) => [base, extra].find((set) => refOf(set) === ref);
  const newCompiler = (maxEntries?: number) =>
    new AliasSetCompiler<AliasSetSnapshot>({
      keyOf: (set) => `${refOf(set)}@${set.version}`,
      maxEntries,
    });

  it('compiles a set once per key and again for a new version', () => {
    const compiler = newCompiler();
    const [first] = compiler.compileAll([base]);
    expect(compiler.compileAll([base])[0]).toBe(first);
    expect(compiler.compileAll([{ ...base, version: 2 }])[0]).not.toBe(first);
    expect(compiler.stats).toEqual({ sets: 2, entries: 4, symbols: 4 });
  });

  it('drops the least recently used sets beyond its entry budget', () => {
    const compiler = newCompiler(3);
    const [compiledBase] = compiler.compileAll([base]);
    compiler.compileAll([extra]);
    compiler.compileAll([base]);
    compiler.compileAll([{ ...extra, version: 2 }]);
    expect(compiler.stats.sets).toBe(2);
    expect(compiler.compileAll([base])[0]).toBe(compiledBase);
    expect(compiler.compileAll([extra])[0].entryCount).toBe(1);
  });

  it('never changes what an earlier resolution returned nor the snapshots it read', () => {
    const compiler = newCompiler();
    const before = JSON.stringify([base, extra]);
    const alone = resolveAliasSets({ refs: ['t/base'], getSet, compiler });
    const aloneBytes = JSON.stringify(alone);
    // extra adds a hostname to base's line for 10.0.0.1: that line must be copied, not extended.
    const both = resolveAliasSets({ refs: ['t/base', 't/extra'], getSet, compiler });
    expect(both.hostAliases).toEqual([
      { ip: '10.0.0.1', hostnames: ['db', 'db-replica'] },
      { ip: '10.0.0.2', hostnames: ['cache'] },
    ]);
    expect(JSON.stringify(alone)).toBe(aloneBytes);
    expect(JSON.stringify(resolveAliasSets({ refs: ['t/base'], getSet, compiler }))).toBe(
      aloneBytes,
    );
    expect(JSON.stringify([base, extra])).toBe(before);
  });

  it('returns entries that win whole as host aliases with only ip and hostnames', () => {
    const extra = { ip: '10.0.0.3', hostnames: ['c'], position: 7 };
    const scoped = snapshot('t/scoped', [
      { ip: '10.0.0.1', hostnames: ['a'], clusters: [] },
      { ip: '10.0.0.2', hostnames: ['b'], clusters: ['eu'] },
      extra,
    ]);
    const result = resolveAliasSets({ refs: ['t/scoped'], cluster: 'eu', getSet: () => scoped });
    expect(result.hostAliases.map((line) => Object.keys(line))).toEqual([
      ['ip', 'hostnames'],
      ['ip', 'hostnames'],
      ['ip', 'hostnames'],
    ]);
  });

  it('numbers addresses by value and hostnames by name in one table', () => {
    const table = new SymbolTable();
    const compiled = new CompiledAliasSet(
      table,
      snapshot('t/x', [
        { ip: '10.0.0.1', hostnames: ['a', 'b'] },
        { ip: '::ffff:10.0.0.1', hostnames: ['b', 'c'] },
        { ip: 'fd00::1', hostnames: [] },
      ]),
    );
    expect([...compiled.addressIds]).toEqual([0, 0, 1]);
    expect([...compiled.offsets]).toEqual([0, 2, 4, 4]);
    expect([...compiled.hostnameIds]).toEqual([0, 1, 1, 2]);
    expect(table.hostnames).toEqual(['a', 'b', 'c']);
    expect(table.addressCount).toBe(2);
  });
});
