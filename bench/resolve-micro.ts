/**
 * Pure-domain micro-benchmark of `resolveAliasSets`, no server, no database: the two shapes of
 * src/domain/resolve.spec.ts ("at scale") at 10, 25 and 50 sets of 10,000 entries. Run by run.ts
 * in a child process (`node --expose-gc`) so nothing else shares its heap; prints JSON on stdout.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { AliasEntry, AliasSetSnapshot } from '../src/domain/host-alias';
import { resolveAliasSets } from '../src/domain/resolve';

export const MICRO_SET_COUNTS = [10, 25, 50] as const;
export const MICRO_ENTRIES = 10_000;
const WARMUP_RUNS = 3;
const RUNS = 10;

export type MicroShape = 'layered' | 'distinct';

export interface MicroResult {
  shape: MicroShape;
  sets: number;
  entries: number;
  hostAliases: number;
  overridden: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

const ipOf = (s: number, e: number) => `10.${s}.${e >> 8}.${e & 255}`;

/**
 * layered: every set repeats the same 10,000 aliases (two hostnames each) and remaps one hostname
 * of its own, as teams layer a shared base; distinct: every set has 10,000 addresses of its own
 * and claims the same `shared<e>` hostnames, so all but the first set are overridden.
 */
function entryOf(shape: MicroShape, s: number, e: number): AliasEntry {
  if (shape === 'layered') {
    return e === 0 && s > 0
      ? { ip: ipOf(s, 0), hostnames: ['h0.remote'] }
      : { ip: ipOf(0, e), hostnames: [`h${e}.remote`, `alias${e}.remote`] };
  }
  return { ip: ipOf(s, e), hostnames: [`h${e}.s${s}.remote`, `shared${e}.remote`] };
}

function buildInput(shape: MicroShape, sets: number) {
  const byRef = new Map<string, AliasSetSnapshot>();
  for (let s = 0; s < sets; s++) {
    const entries = Array.from({ length: MICRO_ENTRIES }, (_, e) => entryOf(shape, s, e));
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

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function measure(shape: MicroShape, sets: number): MicroResult {
  const input = buildInput(shape, sets);
  const run = () => resolveAliasSets({ ...input, onConflict: 'first' });
  let last = run();
  for (let i = 1; i < WARMUP_RUNS; i++) last = run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    const started = performance.now();
    last = run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    shape,
    sets,
    entries: sets * MICRO_ENTRIES,
    hostAliases: last.hostAliases.length,
    overridden: last.overridden.length,
    medianMs: (times[RUNS / 2 - 1] + times[RUNS / 2]) / 2,
    minMs: times[0],
    maxMs: times[RUNS - 1],
  };
}

/** Runs this file in a child process and returns its results. */
export function runMicroInChild(): Promise<MicroResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'resolve-micro.ts')],
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
  measure('layered', MICRO_SET_COUNTS[0]);
  const results: MicroResult[] = [];
  for (const shape of ['layered', 'distinct'] as const) {
    for (const sets of MICRO_SET_COUNTS) results.push(measure(shape, sets));
  }
  process.stdout.write(JSON.stringify(results));
}
