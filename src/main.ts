import 'reflect-metadata';

import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './infra/database/embedded-postgres';
import { migrate } from './infra/database/migrator';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedDataDir,
      port: config.embeddedPort,
      database: 'hostaliases',
      persistent: true,
    });
    config.databaseUrl = embedded.url;
    console.log(
      `embedded PostgreSQL: data in ${embedded.dataDir}, listening on 127.0.0.1:${config.embeddedPort}`,
    );
  }
  const migrations = await migrate(config.databaseUrl);
  if (migrations.applied.length > 0)
    console.log(`applied migrations: ${migrations.applied.join(', ')}`);
  if (!config.adminToken) {
    console.warn('ADMIN_TOKEN is not set: no super-user; only team tokens can call the API');
  }

  // Stop the embedded PostgreSQL only after Nest has drained requests and closed its connections.
  const database = embedded;
  const app = await createApp(config, database ? [() => database.stop()] : []);
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `hostaliases registry listening on http://${config.host}:${config.port} (docs at /docs)`,
  );
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
  } else {
    console.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
