import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { migrate } from '../../src/infra/database/migrator';
import { freePort } from '../../scripts/free-port.cjs';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../support/app';
import { DatabaseServer } from '../support/db-server';

const auth = `Bearer ${ADMIN_TOKEN}`;

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting until ${what}`);
}

describe('resilience: the database goes away and comes back under a running service', () => {
  let server: DatabaseServer;
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hostaliases-restart-'));
    await chmod(dir, 0o755);
    server = new DatabaseServer(join(dir, 'pg'), await freePort());
    const url = await server.start();
    await migrate(url);
    t = await startTestApp({ DATABASE_URL: url });
  });
  afterAll(async () => {
    await t.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 problem+json with Retry-After while the database is down, then recovers by itself', async () => {
    await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: 'durable', name: 'Durable' })
      .expect(201);
    await t.http().get('/readyz').expect(200);

    await server.stop();

    const down = await t.http().get('/api/v1/teams').set('authorization', auth);
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.headers['retry-after']).toBe('5');
    expect(down.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    const write = await t
      .http()
      .post('/api/v1/teams')
      .set('authorization', auth)
      .send({ slug: 'lost', name: 'Lost' });
    expect(write.status).toBe(503);
    const gql = await t.graphql('{ teams { slug } }');
    expect(gql.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    const ready = await t.http().get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    await t.http().get('/healthz').expect(200);

    await server.start();

    await eventually(async () => (await t.http().get('/readyz')).status === 200, 'ready again');
    const teams = await t.http().get('/api/v1/teams').set('authorization', auth).expect(200);
    expect(teams.body.items.map((team: { slug: string }) => team.slug)).toEqual(['durable']);
  });
});
