/**
 * The floors of the two goals a framework cannot be blamed for: a bare `node:http` server with a
 * `pg` pool of the service's size, doing only the database work and the bytes, in its own process
 * (started by run.ts with FLOOR_PORT and DATABASE_URL, its CPU measured like the bare server's)
 * under the service's heap settings (NODE_OPTIONS), which the memory goal sets.
 *
 * - `POST /graphql`: the portal's page of 100 sets, the exact bytes the service answers to the
 *   bench's query, from one SQL statement that fetches only the selected fields, at most
 *   PAGES_AT_ONCE at a time like the service's GraphQL operations. What any Node.js service on
 *   this machine, in the same heap, spends at least on this page, GraphQL or not.
 * - `PUT /api/v1/alias-sets/:team/:name`: the service's own write, `AliasSetWriter.write` (the
 *   same read, domain decision and one statement with revision, audit event, outbox row and
 *   NOTIFY), called straight from the HTTP handler: no framework, no validation, no
 *   authentication, no team or cluster lookup.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

import { Pool } from 'pg';

import { AliasSetWriter } from '../src/alias-sets/alias-set.writer';
import { AliasSetsRepository } from '../src/alias-sets/alias-sets.repository';
import { AuditRecorder } from '../src/audit/audit.recorder';
import { AuditRepository } from '../src/audit/audit.repository';
import { ADMIN_ACTOR } from '../src/auth/actor';
import { contentOf } from '../src/domain/alias-set';
import type { ChangeFeed } from '../src/infra/database/change-feed';
import type { PrismaService } from '../src/infra/database/prisma.service';
import { DATABASE_TIMEOUTS } from '../src/infra/database/pool';
import { ReadDeadline } from '../src/infra/database/read-deadline';
import { TransactionRunner } from '../src/infra/database/transaction';
import type { Metrics } from '../src/infra/metrics/metrics';
import { KnownSets } from '../src/alias-sets/known-sets';
import { WebhookOutbox } from '../src/notifications/webhook-outbox';
import { WebhookOutboxRepository } from '../src/notifications/webhook-outbox.repository';

/** The bench's GraphQL page (run.ts GRAPHQL_QUERY): team, name and entries of the first 100 sets. */
const PAGE_SQL = `SELECT t.slug AS team, s.name,
    COALESCE((SELECT json_agg(json_build_object('ip', e.ip, 'hostnames', e.hostnames,
      'clusters', COALESCE(e.clusters, '{}')) ORDER BY e.position)
      FROM alias_entries e WHERE e.alias_set_id = s.id), '[]') AS entries
  FROM alias_sets s JOIN teams t ON t.id = s.team_id ORDER BY s.id LIMIT 100`;

interface PageRow {
  team: string;
  name: string;
  entries: { ip: string; hostnames: string[]; clusters: string[] }[];
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const noCount = { inc: () => undefined };
// The service's own bound on a statement, which its transaction runner sends every statement through.
const deadline = new ReadDeadline(DATABASE_TIMEOUTS.queryReadMs);
const runner = new TransactionRunner(
  { pool, deadline } as unknown as PrismaService,
  { dbQueries: noCount, backgroundDbQueries: noCount } as unknown as Metrics,
);
const writer = new AliasSetWriter(
  new AliasSetsRepository(runner),
  runner,
  new AuditRecorder(new AuditRepository(runner)),
  { publishLocal: () => undefined } as unknown as ChangeFeed,
  new WebhookOutbox(new WebhookOutboxRepository()),
  new KnownSets(),
);

/** As many pages at once as the service runs GraphQL operations (GRAPHQL_CONCURRENCY's default). */
const PAGES_AT_ONCE = 4;
let pagesRunning = 0;
const pagesWaiting: (() => void)[] = [];

async function page(): Promise<string> {
  if (pagesRunning < PAGES_AT_ONCE) pagesRunning += 1;
  else await new Promise<void>((resolve) => pagesWaiting.push(resolve));
  try {
    return await pageBytes();
  } finally {
    // The slot passes to the next waiter, or is freed.
    const next = pagesWaiting.shift();
    if (next) next();
    else pagesRunning -= 1;
  }
}

async function pageBytes(): Promise<string> {
  const { rows } = await pool.query<PageRow>({ name: 'page', text: PAGE_SQL });
  const edges = rows.map((row) => ({
    node: {
      team: row.team,
      name: row.name,
      entries: row.entries.map((entry) => ({
        ip: entry.ip,
        hostnames: entry.hostnames,
        clusters: entry.clusters.length > 0 ? entry.clusters : null,
      })),
    },
  }));
  // Apollo's answer ends with a newline.
  return `${JSON.stringify({ data: { aliasSets: { edges } } })}\n`;
}

async function write(url: string, body: string): Promise<string> {
  const [team, name] = url.split('/').slice(4);
  const { set } = await writer.write({
    context: { actor: ADMIN_ACTOR, via: 'rest', requestId: randomUUID() },
    ref: { team, name },
    teamId: 0,
    content: contentOf(JSON.parse(body)),
    mode: 'upsert',
    expected: undefined,
  });
  return JSON.stringify(set);
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const url = request.url ?? '/';
  const out =
    request.method === 'PUT'
      ? await write(url, Buffer.concat(chunks).toString())
      : request.method === 'POST'
        ? await page()
        : 'ok';
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(out),
  });
  response.end(out);
}

const server = createServer((request, response) => {
  answer(request, response).catch((error: Error) => {
    response.writeHead(500).end(error.message);
  });
});
server.listen(Number(process.env.FLOOR_PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    deadline.stop();
    void pool.end().then(() => process.exit(0));
  });
});
