import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import type { Config } from './config/config';
import { Metrics } from './infra/metrics/metrics';
import { requestIdFor } from './infra/http/request-id';
import { createValidationPipe } from './infra/http/validation.pipe';
import type { ShutdownTask } from './infra/shutdown';

/**
 * Builds the application exactly as it runs in production; tests call this too, so they drive the
 * real HTTP stack (Fastify, guard, pipe, filter, GraphQL) against a real database.
 */
export async function createApp(
  config: Config,
  shutdownTasks: ShutdownTask[] = [],
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    genReqId: requestIdFor,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, shutdownTasks),
    adapter,
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: any other body is a 415, not a half-parsed string.
  fastify.removeContentTypeParser(['text/plain']);
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hostaliases registry')
      .setDescription(
        'Named Kubernetes hostAliases sets, resolved into PodSpec patches and kubelet-identical hosts files.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
