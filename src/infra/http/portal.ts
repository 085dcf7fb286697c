import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

import { GRAPHQL_PATH } from './graphql.options';

/** Vite names every file under assets/ by its content hash: a new build means new names. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Pages keep their names across builds: revalidate every time (cheap, they carry an ETag). */
export const PAGE_CACHE_CONTROL = 'no-cache';

/** `dist/portal` of the project (the web build), found from here whether in src/ or dist/. */
export function findPortalDir(from = __dirname): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'portal');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The portal at `/` (its files only: `wildcard: false` registers one route per built file, so
 * nothing else is shadowed) and the GraphQL explorer for a browser's `GET /graphql`. Operations
 * (POST, or GET asking for JSON) still reach Apollo.
 */
export async function servePortal(
  app: NestFastifyApplication,
  instance: FastifyInstance,
): Promise<void> {
  const dir = findPortalDir();
  if (!dir) {
    new Logger('Portal').warn('dist/portal is missing (run `npm run build`): no portal at /');
    return;
  }
  // Registered directly: Nest's useStaticAssets types `setHeaders` for an older @fastify/static.
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    // The build writes .br and .gz copies; each client gets the smallest it accepts.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (response, path) => {
      const hashed = path.startsWith(join(dir, 'assets') + sep);
      void response.header('cache-control', hashed ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL);
    },
  });
  const explorer = readFileSync(join(dir, 'graphiql.html'));
  instance.addHook('onRequest', (request, reply, done) => {
    const path = request.url.split('?', 1)[0];
    if (request.method === 'GET' && path === GRAPHQL_PATH && wantsHtml(request.headers.accept)) {
      void reply
        .header('cache-control', PAGE_CACHE_CONTROL)
        .type('text/html; charset=utf-8')
        .send(explorer);
      return;
    }
    done();
  });
}

function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/html');
}
