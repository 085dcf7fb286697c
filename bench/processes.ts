import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface Child {
  process: ChildProcess;
  pid: number;
  /** Everything written to stdout and stderr (last 64 KB). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const OUTPUT_LIMIT = 64 * 1024;

export function startChild(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  ipc = false,
): Child {
  const stdio: StdioOptions = ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'];
  const child = spawn(command, args, { cwd, env, stdio });
  if (child.pid === undefined) throw new Error(`could not start ${command} ${args.join(' ')}`);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    process: child,
    pid: child.pid,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; fails early if the process exits. */
export async function waitUntilReady(url: string, child: Child, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`process exited during start-up:\n${child.output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s:\n${child.output()}`);
}

/** What `/proc/<pid>/status` says of a process's memory, in MB. */
export interface ProcessMemory {
  /** VmHWM: the peak resident set. */
  peakMb: number;
  /** VmRSS: the resident set now, the sum of the next two (and shared memory). */
  rssMb: number;
  /** RssFile: pages mapped from files (the node binary's code and read-only data, libraries). */
  fileMb: number;
  /** RssAnon: everything else (V8's heap, native allocations, buffers). */
  anonMb: number;
}

export function memoryOf(pid: number): ProcessMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) / 1024;
    return {
      peakMb: mb('VmHWM'),
      rssMb: mb('VmRSS'),
      fileMb: mb('RssFile'),
      anonMb: mb('RssAnon'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Resets the process's peak RSS (VmHWM) to its current RSS (Linux `clear_refs` 5), so the next
 * reading is the peak of what ran in between; false where the kernel does not allow it.
 */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
