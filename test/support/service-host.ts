/**
 * A child process holding the application's services (no HTTP server) on the test database, for
 * test/support/services.ts. NestJS 12 is ESM-only and Jest cannot load it, while Node can: so
 * the services run here, in a real Nest container built from the compiled modules (dist/), and
 * the test calls them over IPC. Replies carry the value, or the DomainError's code and details.
 */
import { join } from 'node:path';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const dist = join(__dirname, '..', '..', 'dist', 'src');
/* eslint-disable @typescript-eslint/no-require-imports */
const load = (path: string) => require(join(dist, path)) as Record<string, new () => unknown>;
const { loadConfig } = require(join(dist, 'config', 'config')) as {
  loadConfig: (env: NodeJS.ProcessEnv) => object;
};
/* eslint-enable @typescript-eslint/no-require-imports */
const { ConfigModule } = load('config/config.module') as unknown as {
  ConfigModule: { forRoot: (config: object) => unknown };
};

/** The services a test may call, by class name. */
const services = {
  ...load('alias-sets/alias-sets.service'),
  ...load('alias-sets/revisions.service'),
  ...load('teams/teams.service'),
  ...load('clusters/clusters.service'),
  ...load('audit/audit.service'),
};

interface Call {
  id: number;
  service: string;
  method: string;
  args: unknown[];
}

async function main(): Promise<void> {
  @Module({
    imports: [
      ConfigModule.forRoot(loadConfig(process.env)) as never,
      load('infra/metrics/metrics.module').MetricsModule,
      load('infra/database/database.module').DatabaseModule,
      load('alias-sets/alias-sets.module').AliasSetsModule,
      load('audit/audit.module').AuditModule,
      load('clusters/clusters.module').ClustersModule,
      load('teams/teams.module').TeamsModule,
    ],
  })
  class ServicesModule {}

  const app = await NestFactory.createApplicationContext(ServicesModule, { logger: false });
  process.on('message', (call: Call) => {
    void (async () => {
      try {
        type Methods = Record<string, (...args: unknown[]) => unknown>;
        const service = app.get<unknown, Methods>(services[call.service]);
        const result = await service[call.method](...call.args);
        process.send?.({ id: call.id, result });
      } catch (error) {
        const { name, message, code, details, errors } = error as Record<string, unknown>;
        process.send?.({ id: call.id, error: { name, message, code, details, errors } });
      }
    })();
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
  process.send?.({ ready: true });
}

void main();
