import { loadConfig } from '../../config/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrator';

/** `npm run migrate`: applies pending migrations to MIGRATION_DATABASE_URL (the owner), else DATABASE_URL, else the embedded database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.embeddedDataDir,
        port: config.embeddedPort,
        database: 'hostaliases',
        persistent: true,
      });
  try {
    const result = await migrate(
      config.migrationDatabaseUrl ?? config.databaseUrl ?? embedded!.url,
    );
    console.log(
      `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`,
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
});
