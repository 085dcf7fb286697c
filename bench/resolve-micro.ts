/**
 * Pure-domain micro-benchmark of `resolveAliasSets`, no server, no database: three shapes at 10,
 * 25 and 50 sets of 10,000 entries, resolved from compiled sets (what a request pays once each
 * set's current version is compiled, as the service keeps them) and cold (compiling every set in
 * the run, as after every set changed). Run by run.ts in a child process, so nothing else shares
 * its heap; prints JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { AliasSetCompiler } from '../src/domain/compiled-alias-set';
import type { AliasEntry, AliasSetSnapshot } from '../src/domain/host-alias';
import { resolveAliasSets } from '../src/domain/resolve';

export const MICRO_SET_COUNTS = [10, 25, 50] as const;
export const MICRO_ENTRIES = 10_000;
export const MICRO_SHAPES = ['layered', 'disjoint', 'contested'] as const;
const RUNS = { compiled: 31, cold: 5 };

export type MicroShape = (typeof MICRO_SHAPES)[number];
export type MicroMode = 'compiled' | 'cold';

export interface MicroResult {
  shape: MicroShape;
  mode: MicroMode;
  sets: number;
  entries: number;
  hostAliases: number;
  overridden: number;
  runs: number;
  medianMs: number;
  p90Ms: number;
  minMs: number;
  maxMs: number;
}

const ipOf = (s: number, e: number) => `10.${s}.${e >> 8}.${e & 255}`;

/**
 * layered: every set repeats the same 10,000 aliases (two hostnames each) and remaps one hostname
 * of its own, as teams layer a shared base; disjoint: every set has 10,000 aliases of its own (two
 * hostnames each), so all 500,000 come out; contested, the worst case: every set has 10,000
 * addresses of its own and claims the same `shared<e>` hostnames, so all but the first set are
 * overridden and every override is reported.
 */
function entryOf(shape: MicroShape, s: number, e: number): AliasEntry {
  switch (shape) {
    case 'layered':
      return e === 0 && s > 0
        ? { ip: ipOf(s, 0), hostnames: ['h0.remote'] }
        : { ip: ipOf(0, e), hostnames: [`h${e}.remote`, `alias${e}.remote`] };
    case 'disjoint':
      return { ip: ipOf(s, e), hostnames: [`h${e}.s${s}.remote`, `alias${e}.s${s}.remote`] };
    case 'contested':
      return { ip: ipOf(s, e), hostnames: [`h${e}.s${s}.remote`, `shared${e}.remote`] };
  }
}

function buildInput(shape: MicroShape, sets: number) {
  const byRef = new Map<string, AliasSetSnapshot>();
  for (let s = 0; s < sets; s++) {
    const built = Array.from({ length: MICRO_ENTRIES }, (_, e) => entryOf(shape, s, e));
    // Through JSON, as sets arrive from PostgreSQL: flat strings, one object per occurrence.
    const entries = JSON.parse(JSON.stringify(built)) as AliasEntry[];
    const set = {
      team: 'team',
      name: `set-${s}`,
      description: '',
      shared: true,
      entries,
      includes: [],
      version: 1,
    };
    byRef.set(`team/set-${s}`, set);
  }
  return { refs: [...byRef.keys()], getSet: (ref: string) => byRef.get(ref) };
}

/**
 * No forced GC between runs: a collection before each run would leave its sweeping to the
 * measured run. Collections caused by the runs themselves land in the runs, as in the service.
 */
export function measure(shape: MicroShape, mode: MicroMode, sets: number): MicroResult {
  const input = buildInput(shape, sets);
  const compiler = new AliasSetCompiler<AliasSetSnapshot>({
    keyOf: (set) => `${set.team}/${set.name}@${set.version}`,
  });
  const run = () =>
    resolveAliasSets({
      ...input,
      onConflict: 'first',
      compiler: mode === 'compiled' ? compiler : undefined,
    });
  // One unmeasured run warms the code and, in compiled mode, compiles every set once.
  let last = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS[mode]; i++) {
    const started = performance.now();
    last = run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (quantile: number) =>
    times[Math.min(times.length - 1, Math.floor(quantile * times.length))];
  return {
    shape,
    mode,
    sets,
    entries: sets * MICRO_ENTRIES,
    hostAliases: last.hostAliases.length,
    overridden: last.overridden.length,
    runs: times.length,
    medianMs: at(0.5),
    p90Ms: at(0.9),
    minMs: times[0],
    maxMs: times[times.length - 1],
  };
}

/** Runs this file in a child process and returns its results. */
export function runMicroInChild(): Promise<MicroResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join(__dirname, 'resolve-micro.ts')],
      { cwd: join(__dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`micro-benchmark exited with ${code}`));
      try {
        resolve(JSON.parse(out) as MicroResult[]);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

if (require.main === module) {
  // One discarded round first, so the first measured size does not pay for JIT compilation.
  measure('layered', 'compiled', MICRO_SET_COUNTS[0]);
  const results: MicroResult[] = [];
  for (const mode of ['compiled', 'cold'] as const) {
    for (const shape of MICRO_SHAPES) {
      for (const sets of MICRO_SET_COUNTS) results.push(measure(shape, mode, sets));
    }
  }
  process.stdout.write(JSON.stringify(results));
}
