import { createServer } from 'node:http';

import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastify from 'fastify';
import { getStorageToken } from '@nestjs/throttler';
import { Logger } from 'nestjs-pino';

import { admissionFastPath, MUTATE_ROUTE } from './admission/admission-fast-path';
import { AdmissionService } from './admission/admission.service';
import { AppModule } from './app.module';
import { Authenticator } from './auth/authenticator';
import { FixedWindowThrottlerStorage } from './auth/fixed-window-throttler.storage';
import type { Config } from './config/config';
import { Metrics } from './infra/metrics/metrics';
import { GraphqlSlots } from './infra/http/graphql-concurrency';
import { GRAPHQL_PATH } from './infra/http/graphql.options';
import { HTTP_TIMEOUTS } from './infra/http/http-timeouts';
import { servePortal } from './infra/http/portal';
import { socketBody } from './infra/http/socket-body';
import { requestIdFor } from './infra/http/request-id';
import { EmptyQueryPipe } from './infra/http/empty-query.pipe';
import { HostileInputPipe } from './infra/http/hostile-input.pipe';
import { QuietFrameworkLogger } from './infra/http/quiet-framework-logger';
import { installRequestDeadline } from './infra/http/request-deadline';
import { createValidationPipe } from './infra/http/validation.pipe';
import type { ShutdownTask } from './infra/shutdown';
import { RenderCache } from './render/render-cache';
import { type RawFastPath, renderFastPath } from './render/render-fast-path';

/**
 * Builds the application exactly as it runs in production; tests call this too, so they drive the
 * real HTTP stack (Fastify, guard, pipe, filter, GraphQL) against a real database.
 */
export async function createApp(
  config: Config,
  shutdownTasks: ShutdownTask[] = [],
): Promise<NestFastifyApplication> {
  // The two fast paths and the GraphQL route's turns, filled once Nest has built them.
  const fastPaths: {
    render?: RawFastPath;
    admission?: ReturnType<typeof admissionFastPath>;
    graphqlSlots?: GraphqlSlots;
  } = {};
  const instance = fastify({
    // Repeated render GETs are answered on the HTTP server itself, before Fastify builds a request.
    serverFactory: (handler) => {
      const server = createServer(
        {
          headersTimeout: HTTP_TIMEOUTS.headersMs,
          connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
        },
        (request, response) => {
          // Once closing (no longer listening), Fastify answers, with its 503 and Connection: close.
          const render = server.listening ? fastPaths.render : undefined;
          const answered = render ? render(request, response) : false;
          if (answered === false) return handler(request, response);
          if (answered === true) return;
          // A failure before answering (the token lookup, say) is Fastify's and Nest's to answer.
          void answered.then(
            (done) => done || handler(request, response),
            () => response.headersSent || handler(request, response),
          );
        },
      );
      // What Fastify sets on a server it creates itself.
      server.keepAliveTimeout = HTTP_TIMEOUTS.keepAliveMs;
      server.requestTimeout = HTTP_TIMEOUTS.requestMs;
      return server;
    },
    bodyLimit: config.bodyLimit,
    genReqId: requestIdFor,
    // Behind a load balancer the client's address is in X-Forwarded-For.
    trustProxy: true,
  });
  installRequestDeadline(instance, HTTP_TIMEOUTS.handlerMs, HTTP_TIMEOUTS.checkIntervalMs);
  instance.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Large string bodies (GraphQL and REST pages) reach the socket as bytes: see socketBody.
  instance.addHook('onSend', (_request, _reply, payload, done) => done(null, socketBody(payload)));
  // Hooks of single routes, so no other route pays them. Admission reviews skip Nest's pipeline;
  // GraphQL queries and mutations wait for their slot before Apollo starts on them.
  instance.addHook('onRoute', (route) => {
    if (route.url === MUTATE_ROUTE && route.method === 'POST') {
      route.preHandler = (request, reply) =>
        fastPaths.admission ? fastPaths.admission(request, reply) : Promise.resolve(undefined);
    } else if (route.url === GRAPHQL_PATH) {
      route.preHandler = (request, reply) =>
        request.method === 'OPTIONS' || !fastPaths.graphqlSlots
          ? Promise.resolve()
          : fastPaths.graphqlSlots.takeTurn(reply.raw);
    }
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
  const throttler: unknown = app.get(getStorageToken());
  // The fast path counts synchronously, which the app module's storage allows.
  if (!(throttler instanceof FixedWindowThrottlerStorage)) throw new Error('unexpected throttler');
  fastPaths.render = renderFastPath({
    cache: app.get(RenderCache),
    authenticator: app.get(Authenticator),
    throttler,
    rateLimitPerMinute: config.rateLimitPerMinute,
    metrics,
  });
  fastPaths.graphqlSlots = app.get(GraphqlSlots);
  fastPaths.admission = admissionFastPath({
    authenticator: app.get(Authenticator),
    admission: app.get(AdmissionService),
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
