import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';

import { AliasSetsModule } from './alias-sets/alias-sets.module';
import { AuditModule } from './audit/audit.module';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { FixedWindowThrottlerStorage } from './auth/fixed-window-throttler.storage';
import { RATE_LIMIT_WINDOW_MS, THROTTLER_NAME } from './auth/rate-limit';
import { TokenThrottlerGuard } from './auth/token-throttler.guard';
import { ClustersModule } from './clusters/clusters.module';
import type { Config } from './config/config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { AdmissionModule } from './admission/admission.module';
import { DeliveryModule } from './delivery/delivery.module';
import { DatabaseModule } from './infra/database/database.module';
import { ErrorFilter } from './infra/http/error.filter';
import { GraphqlSlots } from './infra/http/graphql-concurrency';
import { graphqlOptions } from './infra/http/graphql.options';
import { loggerOptions } from './infra/http/logger.options';
import { Metrics } from './infra/metrics/metrics';
import { MetricsModule } from './infra/metrics/metrics.module';
import { SHUTDOWN_TASKS, type ShutdownTask, ShutdownTasks } from './infra/shutdown';
import { NotificationsModule } from './notifications/notifications.module';
import { RenderModule } from './render/render.module';
import { TeamsModule } from './teams/teams.module';
import { TokensModule } from './tokens/tokens.module';

@Module({})
export class AppModule {
  static forRoot(config: Config, shutdownTasks: ShutdownTask[] = []): DynamicModule {
    // One set of GraphQL slots: Apollo's plugin reports refusals, the route's preHandler waits.
    const graphqlSlots = new GraphqlSlots({ concurrency: config.graphqlConcurrency });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        MetricsModule,
        DatabaseModule,
        ThrottlerModule.forRoot({
          throttlers: [
            { name: THROTTLER_NAME, ttl: RATE_LIMIT_WINDOW_MS, limit: config.rateLimitPerMinute },
          ],
          skipIf: () => config.rateLimitPerMinute === 0,
          storage: new FixedWindowThrottlerStorage(),
        }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Metrics],
          useFactory: (metrics: Metrics) => graphqlOptions(config, metrics, graphqlSlots),
        }),
        HealthModule,
        AuditModule,
        AuthModule,
        TokensModule,
        TeamsModule,
        ClustersModule,
        AliasSetsModule,
        RenderModule,
        DeliveryModule,
        AdmissionModule,
        NotificationsModule,
      ],
      providers: [
        // Order matters: authenticate first, so the limiter counts per token.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: TokenThrottlerGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        { provide: SHUTDOWN_TASKS, useValue: shutdownTasks },
        { provide: GraphqlSlots, useValue: graphqlSlots },
        ShutdownTasks,
      ],
    };
  }
}
