import { Client } from 'pg';

/** Average number of the service's PostgreSQL sessions in each state while a scenario ran. */
export type SessionStates = [string, number][];

const SAMPLE_SQL = `
SELECT CASE WHEN state = 'active' AND wait_event_type IS NOT NULL
            THEN 'active, waiting on ' || wait_event_type || ':' || wait_event
            ELSE coalesce(state, 'unknown') END AS what
  FROM pg_stat_activity
 WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`;

/**
 * Polls pg_stat_activity every `intervalMs` on its own connection. "idle in transaction" means a
 * transaction is open while PostgreSQL waits for the service to send the next statement.
 */
export async function startSessionSampler(databaseUrl: string, intervalMs = 50) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ what: string }>(SAMPLE_SQL);
      samples++;
      for (const { what } of rows) counts.set(what, (counts.get(what) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })().catch(() => {}); // a failed sample ends sampling; the figures so far still stand
  return {
    async stop(): Promise<SessionStates> {
      running = false;
      await loop.finally(() => client.end());
      return [...counts]
        .map(([what, n]): [string, number] => [what, samples > 0 ? n / samples : 0])
        .sort((a, b) => b[1] - a[1]);
    },
  };
}
