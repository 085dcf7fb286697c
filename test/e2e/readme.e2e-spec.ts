import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createDatabaseOn, type TestDatabase } from '../setup/test-database';
import { ADMIN_TOKEN, startTestApp, testDatabaseUrl, type TestApp } from '../support/app';
import { readmeScript } from '../support/readme-script';

const ROOT = join(__dirname, '..', '..');
const PRELUDE = `source ${JSON.stringify(join(ROOT, 'test', 'support', 'readme-prelude.sh'))}`;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Markdown document's shell blocks with bash in `cwd`, against the service at `baseUrl`. */
function runMarkdown(markdown: string, baseUrl: string, cwd: string): Run {
  const { script } = readmeScript(markdown, PRELUDE);
  const result = spawnSync('bash', ['-c', script, 'README.md'], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, REGISTRY: baseUrl, ADMIN_TOKEN },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A working directory that looks like a fresh clone (every top-level entry of the repository,
 * linked, without local data), so files the README writes (patch.json, ...) stay out of the tree.
 */
async function cloneLikeDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hostaliases-readme-'));
  for (const entry of await readdir(ROOT)) {
    if (['.data', '.git', 'node_modules'].includes(entry)) continue;
    await symlink(join(ROOT, entry), join(dir, entry));
  }
  return dir;
}

describe('README.md', () => {
  let database: TestDatabase;
  let app: TestApp;
  let cwd: string;

  beforeAll(async () => {
    // An empty database of its own: the README starts from a fresh install.
    database = await createDatabaseOn(testDatabaseUrl());
    app = await startTestApp({ DATABASE_URL: database.url });
    cwd = await cloneLikeDirectory();
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
    if (cwd) await rm(cwd, { recursive: true, force: true });
  });

  it('runs every ```sh block in order against a fresh service, each call answering 2xx or what it announces', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const { blocks } = readmeScript(readme, PRELUDE);
    expect(blocks.length).toBeGreaterThan(3);
    const run = runMarkdown(readme, app.baseUrl, cwd);
    if (run.status !== 0) {
      throw new Error(
        `README.md's shell blocks failed (exit ${run.status}):\n${run.stderr}\n--- stdout (end) ---\n${run.stdout.slice(-3000)}`,
      );
    }
  });

  describe('the runner itself', () => {
    const doc = (body: string) => `# t\n\n\`\`\`sh\n${body}\n\`\`\`\n`;
    const auth = 'curl -s -H "Authorization: Bearer $ADMIN_TOKEN"';

    it('fails on an unannounced error status and names the README line', () => {
      const run = runMarkdown(
        doc(`${auth} $REGISTRY/api/v1/alias-sets/nobody/nothing`),
        app.baseUrl,
        cwd,
      );
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('unannounced HTTP 404');
      expect(run.stderr).toContain('README.md:4:');
    });

    it('accepts an announced status, and fails when the announced status does not come', () => {
      const announced = `# expect 404: there is no such set\n${auth} $REGISTRY/api/v1/alias-sets/nobody/nothing`;
      expect(runMarkdown(doc(announced), app.baseUrl, cwd).status).toBe(0);
      const wrong = runMarkdown(
        doc(`# expect 412\n${auth} $REGISTRY/api/v1/alias-sets/nobody/nothing`),
        app.baseUrl,
        cwd,
      );
      expect(wrong.status).not.toBe(0);
      expect(wrong.stderr).toContain('expected 412');
    });

    it('fails on a GraphQL error unless its code is announced', () => {
      const query = `${auth} -H 'Content-Type: application/json' $REGISTRY/graphql -d '{"query":"{ aliasSet(team: \\"nobody\\", name: \\"nothing\\") { version } }"}'`;
      const unannounced = runMarkdown(doc(query), app.baseUrl, cwd);
      expect(unannounced.status).not.toBe(0);
      expect(unannounced.stderr).toContain('unannounced GraphQL error NOT_FOUND');
      expect(runMarkdown(doc(`# expect NOT_FOUND\n${query}`), app.baseUrl, cwd).status).toBe(0);
    });

    it('fails on a shell error, and leaves out blocks marked skip', () => {
      expect(runMarkdown(doc('false'), app.baseUrl, cwd).status).not.toBe(0);
      const skipped = '# t\n<!-- readme-test: skip (starts a service) -->\n\n```sh\nfalse\n```\n';
      expect(runMarkdown(skipped, app.baseUrl, cwd).status).toBe(0);
    });
  });
});
