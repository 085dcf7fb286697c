import { defineConfig } from 'prisma/config';

// The migration engine cannot be downloaded everywhere we run, so migrations are applied by the
// application's own runner (src/infra/database/migrator.ts) in Prisma's layout and bookkeeping;
// `prisma migrate deploy` works on the same database wherever the engine is available.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/hostaliases' },
});
