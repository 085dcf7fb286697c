import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import request from 'supertest';

import { freePort } from '../../scripts/free-port.cjs';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface GraphQLError {
  message: string;
  extensions: {
    code: string;
    errors?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}

export interface GraphQLResponse<T> {
  status: number;
  data: T | null | undefined;
  errors?: GraphQLError[];
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface TestApp {
  baseUrl: string;
  /** The service's process id. */
  pid: number;
  /** supertest bound to the running service. */
  http: () => ReturnType<typeof request>;
  /** POST /graphql with a token (the super-user unless given). */
  graphql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ) => Promise<GraphQLResponse<T>>;
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string;
  /** SIGTERM, then wait for the process to exit; resolves to how it ended. */
  close: () => Promise<ExitStatus>;
}

export function testDatabaseUrl(): string {
  const url = process.env.HOSTALIASES_TEST_DATABASE_URL;
  if (!url)
    throw new Error('e2e tests need the global setup (run them with jest --selectProjects e2e)');
  return url;
}

/**
 * Starts the built service (dist/src/main.js) as a real process on the test database and waits
 * until it answers /healthz. `env` overrides the environment, e.g. `{ LOG_LEVEL: 'debug' }`.
 */
export async function startTestApp(env: Record<string, string | undefined> = {}): Promise<TestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: testDatabaseUrl(),
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      // Every query the suites send runs compiled (graphql-jit) from its first execution; that
      // its answers are graphql-js's is tested on its own (graphql-jit.e2e-spec.ts).
      GRAPHQL_JIT_AFTER: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<ExitStatus>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitUntilHealthy(baseUrl, child, () => output);

  return {
    baseUrl,
    pid: child.pid ?? 0,
    http: () => request(baseUrl),
    graphql: async (query, variables, token = ADMIN_TOKEN) => {
      const response = await request(baseUrl)
        .post('/graphql')
        .set('authorization', `Bearer ${token}`)
        .send({ query, variables });
      return { status: response.status, ...(response.body as object) } as GraphQLResponse<never>;
    },
    output: () => output,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitUntilHealthy(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`service exited with ${child.exitCode} during start-up:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`service did not become healthy within 30 s:\n${output()}`);
}

/** How many SQL statements the service has sent for requests (`db_queries_total` in /metrics). */
export async function dbQueries(t: TestApp): Promise<number> {
  const text = (await t.http().get('/metrics').expect(200)).text;
  const line = text.split('\n').find((l) => l.startsWith('db_queries_total '));
  if (!line) throw new Error('metric db_queries_total not exported');
  return Number(line.split(' ')[1]);
}
