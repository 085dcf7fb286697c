import { readFileSync } from 'node:fs';

/** Peak resident memory (VmHWM) of a live process on Linux, in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmHWM for process ${pid}`);
  return Math.round(Number(match[1]) / 1024);
}

/** True while the process exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
