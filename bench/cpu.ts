import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

import type { CpuConsumer, CpuSplit } from './report';

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime, stime, cutime, cstime of /proc/<pid>/stat, in clock ticks; the name may hold spaces. */
function statTimes(pid: number): { self: number; children: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, so index 11.
    const n = (field: number) => Number(fields[field - 3]);
    return { self: n(14) + n(15), children: n(16) + n(17), ppid: n(4) };
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by a process (and, with `tree`, its live and reaped children). */
export function cpuSecondsOf(pid: number, tree = false): number | undefined {
  const root = statTimes(pid);
  if (!root) return undefined;
  let ticks = root.self;
  if (tree) {
    ticks += root.children;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = statTimes(Number(entry));
      if (child?.ppid === pid) ticks += child.self;
    }
  }
  return ticks / ticksPerSecond();
}

/** CPU seconds the whole machine has been busy (all cores, from /proc/stat). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
      ticksPerSecond()
    );
  } catch {
    return undefined;
  }
}

/** Which processes to charge CPU to while a scenario runs. */
export interface Pids {
  service?: number;
  bare?: number;
  postgres?: number;
}

export interface CpuSnapshot {
  at: number;
  values: Partial<Record<CpuConsumer | 'machine', number>>;
}

export function cpuSnapshot(pids: Pids): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    values: {
      service: pids.service ? cpuSecondsOf(pids.service) : undefined,
      bare: pids.bare ? cpuSecondsOf(pids.bare) : undefined,
      postgres: pids.postgres ? cpuSecondsOf(pids.postgres, true) : undefined,
      loadgen: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
    },
  };
}

export function cpuSplit(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuSplit {
  const wall = (after.at - before.at) / 1000;
  const used: Partial<Record<CpuConsumer, number>> = {};
  for (const key of ['service', 'bare', 'postgres', 'loadgen'] as const) {
    const [a, b] = [before.values[key], after.values[key]];
    if (a !== undefined && b !== undefined) used[key] = b - a;
  }
  const machine = (after.values.machine ?? NaN) - (before.values.machine ?? NaN);
  const known = Object.values(used).reduce((sum, value) => sum + value, 0);
  if (Number.isFinite(machine)) used.other = Math.max(0, machine - known);
  const split: CpuSplit = { perRequestUs: {}, coreShare: {} };
  for (const [key, seconds] of Object.entries(used) as [CpuConsumer, number][]) {
    split.perRequestUs[key] = requests > 0 ? (seconds * 1e6) / requests : NaN;
    split.coreShare[key] = seconds / wall;
  }
  return split;
}
