import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import ts from 'typescript';

import { imageRuntime } from '../scripts/dockerfile.mjs';
import { freePort } from '../scripts/free-port.cjs';
import { type Child, startChild, waitUntilReady } from './processes';

export const ROOT = join(__dirname, '..');
export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** `tsc -p tsconfig.build.json`, as `npm run build` does. */
export function buildService(): Promise<void> {
  return new Promise((resolve, reject) => {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    const child = spawn(tsc, ['-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build failed (tsc exit ${code}):\n${output}`)),
    );
  });
}

/**
 * Loaded into the profiled service only (`--import data:`): over the IPC channel, `start` starts
 * V8's sampling profiler and `stop` writes the profile to a file and answers with its path.
 * Signals cannot be used (Nest's shutdown hooks take SIGUSR2 too), nor `--cpu-prof` (Nest
 * re-raises SIGTERM after shutdown, so the profile written at exit never comes).
 */
const PROFILE_HOOK = `
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
let n = 0;
process.channel?.unref();
process.on('message', (message) => {
  if (message === 'start') {
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        session.post('Profiler.start', () => process.send('started'))));
  } else if (message === 'stop') {
    session.post('Profiler.stop', (error, result) => {
      const file = process.env.BENCH_PROFILE_OUT + '.' + n++;
      writeFileSync(file, error ? '{}' : JSON.stringify(result.profile));
      process.send(file);
    });
  }
});
`;

/**
 * The service runs as the image runs it (scripts/dockerfile.mjs reads the Dockerfile): with its
 * `NODE_OPTIONS` (`BENCH_NODE_OPTIONS` overrides them; empty: V8's defaults) and the node flags of
 * its `CMD`, V8 flags NODE_OPTIONS cannot carry such as `--heap-growing-percent`
 * (`BENCH_NODE_FLAGS` overrides them, space-separated; empty: none).
 */
const IMAGE = imageRuntime();
export const SERVICE_NODE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? IMAGE.nodeOptions;
export const SERVICE_NODE_FLAGS: string[] = (
  process.env.BENCH_NODE_FLAGS?.split(' ') ??
  IMAGE.nodeFlags ??
  []
).filter((flag) => flag !== '');

/** The heap settings of the image, for the service and the servers compared to it. */
function runtimeEnv(): Record<string, string> {
  return SERVICE_NODE_OPTIONS === '' ? {} : { NODE_OPTIONS: SERVICE_NODE_OPTIONS };
}

export interface Service {
  baseUrl: string;
  child: Child;
}

/** Sends `start` or `stop` to a service started with `profileOut`; resolves to its answer. */
export function profilerCommand(service: Service, command: 'start' | 'stop'): Promise<string> {
  const child = service.child.process;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`profiler ${command}: no answer`)), 30_000);
    child.once('message', (answer) => {
      clearTimeout(timer);
      resolve(typeof answer === 'string' ? answer : JSON.stringify(answer));
    });
    child.send(command);
  });
}

/** Starts dist/src/main.js on the bench database and waits for /healthz. */
export async function startService(options: {
  databaseUrl: string;
  profileOut?: string;
}): Promise<Service> {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: the build did not run`);
  const port = await freePort();
  const args = options.profileOut
    ? [
        ...SERVICE_NODE_FLAGS,
        '--import',
        `data:text/javascript,${encodeURIComponent(PROFILE_HOOK)}`,
        main,
      ]
    : [...SERVICE_NODE_FLAGS, main];
  const child = startChild(
    process.execPath,
    args,
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN,
      LOG_LEVEL: 'warn',
      // The per-token limiter (1,200/min by default) would turn a load test into a 429 test.
      RATE_LIMIT_PER_MINUTE: '0',
      BENCH_PROFILE_OUT: options.profileOut,
      ...runtimeEnv(),
    },
    ROOT,
    options.profileOut !== undefined,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}/healthz`, child);
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
  return { baseUrl, child };
}

/**
 * Starts bench/bare-server.ts serving `bodyFile` (on plain Fastify with `framework`); resolves
 * once it answers.
 */
export function startBareServer(
  bodyFile: string,
  contentType = 'text/plain; charset=utf-8',
  framework?: 'fastify',
): Promise<Service> {
  return startHelperServer('bare-server.ts', (port) => ({
    BARE_PORT: String(port),
    BARE_BODY_FILE: bodyFile,
    BARE_CONTENT_TYPE: contentType,
    ...(framework ? { BARE_FRAMEWORK: framework } : {}),
  }));
}

/**
 * The floors (`floor-server.ts`, its own process, in the service's heap settings): bare
 * `node:http` and `pg` on the bench's database, answering the GraphQL page's bytes and running
 * the service's own write transaction.
 */
export function startFloorServer(databaseUrl: string): Promise<Service> {
  return startHelperServer(
    'floor-server.ts',
    (port) => ({ FLOOR_PORT: String(port), DATABASE_URL: databaseUrl, ...runtimeEnv() }),
    SERVICE_NODE_FLAGS,
  );
}

/**
 * The GraphQL libraries alone (`ceiling-server.ts`, its own process, in the service's heap
 * settings): plain Apollo Server on Fastify with graphql-jit, answering the bench's GraphQL pages
 * from memory (`pageFile`: the service's answer with the latest audit events).
 */
export function startCeilingServer(pageFile: string): Promise<Service> {
  return startHelperServer(
    'ceiling-server.ts',
    (port) => ({ CEILING_PORT: String(port), CEILING_PAGE_FILE: pageFile, ...runtimeEnv() }),
    SERVICE_NODE_FLAGS,
  );
}

/**
 * The stack alone (`stack-server.ts`, its own process, with the service's node flags): Nest on
 * Fastify with the GraphQL module, a Prisma client and the validation pipe, answering the REST
 * list's bytes (`bodyFile`) from memory. Transpiled first: ts-node would put a TypeScript
 * compiler in the heap whose peak it is there to show.
 */
export function startStackServer(bodyFile: string, databaseUrl: string): Promise<Service> {
  return startHelperServer(
    'stack-server.ts',
    (port) => ({
      STACK_PORT: String(port),
      STACK_BODY_FILE: bodyFile,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      ...runtimeEnv(),
    }),
    SERVICE_NODE_FLAGS,
    'transpiled',
  );
}

/**
 * Starts one of the bench's own servers (a TypeScript file here) on a free port; resolves once it
 * answers. Under ts-node, or `transpiled` to dist/bench first for a server whose memory counts.
 */
async function startHelperServer(
  script: string,
  env: (port: number) => Record<string, string>,
  nodeFlags: string[] = [],
  run: 'ts-node' | 'transpiled' = 'ts-node',
): Promise<Service> {
  const args =
    run === 'ts-node'
      ? ['-r', 'ts-node/register/transpile-only', join(__dirname, script)]
      : [await transpiled(script)];
  const port = await freePort();
  const child = startChild(
    process.execPath,
    [...nodeFlags, ...args],
    { PATH: process.env.PATH, ...env(port) },
    ROOT,
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${baseUrl}/`, child);
  } catch (error) {
    await child.stop(2000);
    throw error;
  }
  return { baseUrl, child };
}

/** `script` (a file of bench/) as CommonJS in dist/bench, next to the service's build. */
async function transpiled(script: string): Promise<string> {
  const source = await readFile(join(__dirname, script), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      esModuleInterop: true,
    },
  });
  const out = join(ROOT, 'dist', 'bench', script.replace(/\.ts$/, '.js'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, outputText);
  return out;
}

export interface HeapFigures {
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

/** The V8 heap as the service's own /metrics reports it (prom-client default metrics). */
export async function heapOf(service: Service): Promise<HeapFigures | undefined> {
  try {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const value = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1]) / 2 ** 20;
    const figures = {
      heapTotalMb: value('nodejs_heap_size_total_bytes'),
      heapUsedMb: value('nodejs_heap_size_used_bytes'),
      externalMb: value('nodejs_external_memory_bytes'),
    };
    return Number.isFinite(figures.heapTotalMb) ? figures : undefined;
  } catch {
    return undefined;
  }
}

/** Memory of a node process that loaded code and did nothing else (ModulesAlone). */
export interface IdleMemory {
  rssMb: number;
  fileMb: number;
  anonMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
}

/**
 * The floor under the service's memory, measured in the run: a node process with the service's
 * flags that only loads the service's code (every module its app module and app factory require:
 * NestJS, Fastify, Apollo, graphql-jit, Prisma's client, class-validator, Swagger, pino...) and a
 * bare node process with the same flags. Neither connects to anything nor answers anything.
 */
export async function modulesAlone(): Promise<{ bare: IdleMemory; modules: IdleMemory }> {
  const report = `setTimeout(() => {
    const status = require('node:fs').readFileSync('/proc/self/status', 'utf8');
    const mb = (field) => Number(new RegExp('^' + field + ':\\\\s+(\\\\d+) kB', 'm').exec(status)[1]) / 1024;
    const heap = process.memoryUsage();
    process.stdout.write(JSON.stringify({ rssMb: mb('VmRSS'), fileMb: mb('RssFile'),
      anonMb: mb('RssAnon'), heapTotalMb: heap.heapTotal / 2 ** 20, heapUsedMb: heap.heapUsed / 2 ** 20 }));
  }, 500);`;
  const dist = join(ROOT, 'dist', 'src');
  const load = ['reflect-metadata', join(dist, 'app.module.js'), join(dist, 'app.factory.js')]
    .map((module) => `require(${JSON.stringify(module)});`)
    .join('');
  const measure = (code: string) =>
    new Promise<IdleMemory>((resolve, reject) => {
      const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, '-e', code], {
        cwd: ROOT,
        env: { ...process.env, ...runtimeEnv() },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out) as IdleMemory) : reject(new Error(`exit ${code}`)),
      );
    });
  return { bare: await measure(report), modules: await measure(load + report) };
}
