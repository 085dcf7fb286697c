import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';

import { PrismaClient } from '../../src/generated/prisma/client';
import { defaultMigrationsDir, migrate } from '../../src/infra/database/migrator';
import { testDatabaseUrl } from '../support/app';

/** Proves the hand-written SQL migrations and prisma/schema.prisma describe the same database. */
describe('database schema and migrations', () => {
  const name = `hostaliases_schema_${randomBytes(4).toString('hex')}`;
  const serverUrl = testDatabaseUrl();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  let prisma: PrismaClient;

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  }

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('migrates an empty database and records Prisma checksums; a second run applies nothing', async () => {
    const migrations = readdirSync(defaultMigrationsDir(), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(await migrate(url)).toEqual({ applied: migrations, alreadyApplied: [] });
    expect(await migrate(url)).toEqual({ applied: [], alreadyApplied: migrations });

    const rows = await prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows).toEqual(
      migrations.map((migration) => ({
        migration_name: migration,
        checksum: createHash('sha256')
          .update(readFileSync(join(defaultMigrationsDir(), migration, 'migration.sql')))
          .digest('hex'),
      })),
    );
  });

  it('lets the Prisma client write and read every model', async () => {
    const team = await prisma.team.create({ data: { slug: 'schema-team', name: 'Schema' } });
    const cluster = await prisma.cluster.create({
      data: { name: 'schema-cluster', description: 'd', labels: { env: 'test' } },
    });
    const base = await prisma.aliasSet.create({
      data: { teamId: team.id, name: 'base', shared: true },
    });
    const set = await prisma.aliasSet.create({
      data: {
        teamId: team.id,
        name: 'full',
        description: 'everything',
        entries: {
          create: [
            { position: 0, ip: '10.1.2.3', hostnames: ['foo.remote', 'bar.remote'] },
            {
              position: 1,
              ip: 'fd00::1',
              hostnames: ['v6.remote'],
              clusters: [cluster.name],
              expiresAt: new Date('2030-01-01T00:00:00.123Z'),
            },
          ],
        },
        includes: { create: [{ position: 0, includedSetId: base.id }] },
        revisions: { create: [{ version: 1, snapshot: { entries: [] }, actor: 'admin' }] },
      },
    });
    await prisma.apiToken.create({
      data: { teamId: team.id, name: 'ci', role: 'editor', secretHash: 'a'.repeat(64) },
    });
    const event = await prisma.auditEvent.create({
      data: {
        actorType: 'admin',
        actorName: 'admin',
        action: 'alias_set.create',
        targetType: 'alias_set',
        targetRef: 'schema-team/full',
        team: 'schema-team',
        version: 1,
        after: { ok: true },
        via: 'rest',
        requestId: 'r-1',
      },
    });

    const webhook = await prisma.webhook.create({
      data: {
        id: '00000000-0000-4000-8000-000000000001',
        teamId: team.id,
        url: 'https://example.com/hook',
        events: ['alias_set.updated'],
        secret: 'plain:whsec_x',
      },
    });
    const outboxEvent = await prisma.webhookEvent.create({
      data: {
        type: 'alias_set.updated',
        setRef: 'schema-team/full',
        team: 'schema-team',
        shared: false,
        version: 2,
        previousVersion: 1,
        actor: { type: 'admin' },
        requestId: 'r-2',
      },
    });
    await prisma.webhookDelivery.create({
      data: {
        id: '00000000-0000-4000-8000-000000000002',
        webhookId: webhook.id,
        eventId: outboxEvent.id,
        type: 'alias_set.updated',
        setRef: 'schema-team/full',
        payload: '{}',
        retryUntil: new Date(Date.now() + 60_000),
        attemptLog: {
          create: [
            { attempt: 1, startedAt: new Date(), durationMs: 3, statusCode: 500, succeeded: false },
          ],
        },
      },
    });
    expect(
      await prisma.webhook.findUniqueOrThrow({
        where: { id: webhook.id },
        include: { deliveries: { include: { attemptLog: true, event: true } } },
      }),
    ).toMatchObject({
      sets: [],
      deliveries: [
        {
          status: 'pending',
          attempts: 0,
          event: { version: 2, dispatchedAt: null },
          attemptLog: [{ attempt: 1, statusCode: 500, error: null }],
        },
      ],
    });

    const read = await prisma.aliasSet.findUniqueOrThrow({
      where: { id: set.id },
      include: {
        entries: { orderBy: { position: 'asc' } },
        includes: true,
        revisions: true,
        team: { include: { tokens: true } },
      },
    });
    expect(read.entries.map((e) => [e.ip, e.hostnames, e.clusters, e.expiresAt])).toEqual([
      ['10.1.2.3', ['foo.remote', 'bar.remote'], [], null],
      ['fd00::1', ['v6.remote'], ['schema-cluster'], new Date('2030-01-01T00:00:00.123Z')],
    ]);
    expect(read.includes).toEqual([{ aliasSetId: set.id, position: 0, includedSetId: base.id }]);
    expect(read.revisions[0]).toMatchObject({
      version: 1,
      snapshot: { entries: [] },
      actor: 'admin',
    });
    expect(read.team.tokens[0]).toMatchObject({ name: 'ci', role: 'editor', revokedAt: null });
    expect(read.version).toBe(1);
    expect(
      await prisma.cluster.findUniqueOrThrow({ where: { name: 'schema-cluster' } }),
    ).toMatchObject({
      labels: { env: 'test' },
    });
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      after: { ok: true },
      requestId: 'r-1',
    });
  });

  it('refuses to delete a set another set includes (foreign key), and cascades entries', async () => {
    const base = await prisma.aliasSet.findFirstOrThrow({ where: { name: 'base' } });
    await expect(prisma.aliasSet.delete({ where: { id: base.id } })).rejects.toThrow();
    const full = await prisma.aliasSet.findFirstOrThrow({ where: { name: 'full' } });
    await prisma.aliasSet.delete({ where: { id: full.id } });
    expect(await prisma.aliasEntry.count({ where: { aliasSetId: full.id } })).toBe(0);
  });

  it('keeps the audit log append-only even against raw SQL on the app connection', async () => {
    const count = await prisma.auditEvent.count();
    expect(count).toBeGreaterThan(0);
    await expect(
      prisma.$executeRawUnsafe(`UPDATE audit_events SET action = 'forged'`),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('DELETE FROM audit_events')).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.$executeRawUnsafe('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await prisma.auditEvent.count()).toBe(count);
    expect(await prisma.auditEvent.count({ where: { action: 'forged' } })).toBe(0);
  });
});
