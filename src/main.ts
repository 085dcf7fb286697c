import 'reflect-metadata';

import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/config';
import { developmentAdminToken } from './infra/database/development-admin-token';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './infra/database/embedded-postgres';
import { migrate } from './infra/database/migrator';
import { describeDatabaseUrl, startupFailureLine } from './infra/startup-error';

let embedded: EmbeddedDatabase | undefined;
let databaseUrl: string | undefined;

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  // Named in a connection failure; the embedded database's URL is ours, not the user's to fix.
  databaseUrl = config.databaseUrl;
  if (config.databaseUrl) {
    console.log(`database: ${describeDatabaseUrl(config.databaseUrl)} (DATABASE_URL)`);
  } else {
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
    if (!config.adminToken) {
      // Local use only: a super-user token kept next to the data, never printed.
      const { token, file } = await developmentAdminToken(config.embeddedDataDir);
      config.adminToken = token;
      console.log(
        `super-user token (ADMIN_TOKEN) is in ${file}: export ADMIN_TOKEN=$(cat ${file})`,
      );
    }
  }
  const migrations = await migrate(config.migrationDatabaseUrl ?? config.databaseUrl);
  if (migrations.applied.length > 0) {
    console.log(`applied migrations: ${migrations.applied.join(', ')}`);
  }
  // Embedded: migrated as the owner, the service itself logs in as the restricted app role.
  if (embedded) config.databaseUrl = await embedded.appRoleUrl();
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

bootstrap().catch(async (error: unknown) => {
  console.error(
    error instanceof ConfigError
      ? `configuration error: ${error.message}`
      : startupFailureLine(error, databaseUrl),
  );
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
