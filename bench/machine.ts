import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';

import type { BenchDatabase } from './database';
import { ROOT } from './service';

export function loadAverage(): string {
  return loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
}

/** The facts RESULTS.md starts with: hardware, software, and which code was measured. */
export function describeMachine(database: BenchDatabase): [string, string][] {
  const cpuModel =
    /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const os = existsSync('/etc/os-release')
    ? (/^PRETTY_NAME="?([^"\n]+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '')
    : '';
  let commit = 'unknown';
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'prisma'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    commit = `${head.trim()}${dirty.trim() ? ' + uncommitted changes in src/ or prisma/' : ''}`;
  } catch {
    // not a git checkout
  }
  return [
    ['CPU', cpuModel],
    ['cores (nproc)', String(availableParallelism())],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['OS', `${os} (kernel ${release()})`],
    ['Node.js', process.version],
    ['database', `${database.version}, ${database.where}`],
    ['code', commit],
    ['load average at start', loadAverage()],
  ];
}
