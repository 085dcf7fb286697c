import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastify from 'fastify';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { Logger } from 'nestjs-pino';

import { AppModule } from './app.module';
import { Authenticator } from './auth/authenticator';
import type { Config } from './config/config';
import { Metrics } from './infra/metrics/metrics';
import { HTTP_TIMEOUTS } from './infra/http/http-timeouts';
import { servePortal } from './infra/http/portal';
import { requestIdFor } from './infra/http/request-id';
import { EmptyQueryPipe } from './infra/http/empty-query.pipe';
import { HostileInputPipe } from './infra/http/hostile-input.pipe';
import { QuietFrameworkLogger } from './infra/http/quiet-framework-logger';
import { createValidationPipe } from './infra/http/validation.pipe';
import type { ShutdownTask } from './infra/shutdown';
import { RenderCache } from './render/render-cache';
import { renderFastPath } from './render/render-fast-path';

/**
 * Builds the application exactly as it runs in production; tests call this too, so they drive the
 * real HTTP stack (Fastify, guard, pipe, filter, GraphQL) against a real database.
 */
export async function createApp(
  config: Config,
  shutdownTasks: ShutdownTask[] = [],
): Promise<NestFastifyApplication> {
  const instance = fastify({
    bodyLimit: config.bodyLimit,
    genReqId: requestIdFor,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: true,
    requestTimeout: HTTP_TIMEOUTS.requestMs,
    handlerTimeout: HTTP_TIMEOUTS.handlerMs,
    keepAliveTimeout: HTTP_TIMEOUTS.keepAliveMs,
    http: {
      headersTimeout: HTTP_TIMEOUTS.headersMs,
      connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
    },
  });
  // These hooks are added before Nest's own (its middleware, such as the request logger, comes
  // with the adapter), so repeated render GETs are answered before any of that runs.
  // Filled once Nest has built the services it needs.
  const fastPath: { handle?: ReturnType<typeof renderFastPath> } = {};
  // One hook for both: every hook Fastify runs costs each request, render hits included.
  instance.addHook('onRequest', (request, reply) => {
    void reply.header('x-request-id', request.id);
    return fastPath.handle ? fastPath.handle(request, reply) : Promise.resolve(undefined);
  });
  // The API speaks JSON only: any other body is a 415, not a half-parsed string.
  instance.removeContentTypeParser(['text/plain']);
  // Manifests (SPEC 8.1) come as YAML text; the routes that take them read the raw string.
  instance.addContentTypeParser(
    ['application/yaml', 'application/x-yaml', 'text/yaml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, shutdownTasks),
    new FastifyAdapter(instance),
    // Fastify's own JSON parser only: Nest would add a form-urlencoded one, and curl's default
    // `-d` body would then fail as unknown fields instead of as the wrong content type (415).
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(new QuietFrameworkLogger(app.get(Logger)));
  app.useGlobalPipes(new EmptyQueryPipe(), new HostileInputPipe(), createValidationPipe());
  app.enableShutdownHooks();

  const metrics = app.get(Metrics);
  instance.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  fastPath.handle = renderFastPath({
    cache: app.get(RenderCache),
    authenticator: app.get(Authenticator),
    throttler: app.get<ThrottlerStorage>(getStorageToken()),
    rateLimitPerMinute: config.rateLimitPerMinute,
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('hostaliases registry')
      .setDescription(
        'Named Kubernetes hostAliases sets, resolved into PodSpec patches and kubelet-identical hosts files.',
      )
      .setVersion('1')
      // Tokens are opaque (`hat_…`, or the super-user's ADMIN_TOKEN), not JWTs as the
      // generator's default `bearerFormat` would say.
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description: 'An opaque team token (hat_…) or the super-user token (ADMIN_TOKEN)',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await servePortal(app, instance);
  return app;
}
