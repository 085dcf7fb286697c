# syntax=docker/dockerfile:1

# Node 24, the current LTS (Node 20 is end of life). NestJS 12 is ESM-only and the CommonJS build
# loads it through require(esm), which needs Node >= 20.19.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: full dependencies, Prisma client generation, tsc ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
RUN node -e "const [a,b]=process.versions.node.split('.').map(Number); if (a < 20 || (a === 20 && b < 19)) { console.error('Node >= 20.19 required, got ' + process.version); process.exit(1); }"
# `prisma generate` needs no schema engine; pointing at /bin/false also skips its download.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false
# Only what `npm ci` (and its postinstall `prisma generate`) reads, so this layer caches across source edits.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY src ./src
# The portal: built into dist/portal, which the service serves at /.
COPY web ./web
RUN npm run build

# ---- deps: production node_modules only (the runtime stage copies these, nothing from build) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev alone still installs `prisma` and `typescript` (and their ~250 MB): @prisma/client
# declares them as optional peer dependencies, which npm installs unless optional ones are
# omitted too. The only other optional dependency, pg-cloudflare, is for Cloudflare Workers.
# --ignore-scripts: postinstall would run `prisma generate`, and the prisma CLI is a devDependency.
# scripts/check-runtime-deps.mjs (run by .ci/run) performs this same install, checks that none of
# prisma, typescript or the embedded PostgreSQL is in it, and starts the service from it.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
# The heap the service assumes (README "Memory"): at most 128 MB of old objects and 8 MB
# semi-spaces for new ones, set explicitly: with the old-space cap alone, Node 24 spent 3x the CPU
# per admission review and GraphQL page in the garbage collector (bench/RESULTS.md).
# The container limit in deploy/ (320Mi) is this plus what the process needs outside the heap.
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=8"
WORKDIR /app
# Files stay root-owned (read-only for the app); the process runs as the unprivileged `node` user.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
# The app applies prisma/migrations at start; it finds them by walking up from dist/, so keep them at /app/prisma.
COPY prisma ./prisma
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Slim images have no curl: probe liveness with Node's built-in fetch.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Nest's shutdown hooks drain requests and close the pool on SIGTERM.
STOPSIGNAL SIGTERM
# V8 flags NODE_OPTIONS cannot carry (bench/RESULTS.md, sessions 12 and 13):
# --heap-growing-percent=50: under the 128 MB cap V8 counts the heap as small and lets the old
#   generation grow to at most 1.3x its live size before the next full collection; at 1.5x the
#   GraphQL and REST lists took 8-15 % less CPU at the same peak RSS; 2x gained nothing more.
# --no-allocation-site-pretenuring: once a young-generation collection found most objects of an
#   allocation site alive (a GraphQL answer whose tree waits for its audit events), V8 allocated
#   every later object of that site directly in the old generation, so each page's tree went
#   there and was reclaimed only by full collections: the page with its latest audit events took
#   4.2 ms of CPU instead of 2.8 at 64 connections.
CMD ["node", "--heap-growing-percent=50", "--no-allocation-site-pretenuring", "dist/src/main.js"]
