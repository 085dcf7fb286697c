import type { LoggerService } from '@nestjs/common';

import { QuietFrameworkLogger } from './quiet-framework-logger';

function recorder() {
  const calls: [string, unknown[]][] = [];
  const level =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, args]);
  const inner: LoggerService = {
    log: level('log'),
    error: level('error'),
    warn: level('warn'),
    debug: level('debug'),
    verbose: level('verbose'),
    fatal: level('fatal'),
  };
  return { calls, logger: new QuietFrameworkLogger(inner) };
}

describe('QuietFrameworkLogger', () => {
  it.each([
    ['InstanceLoader', 'AppModule dependencies initialized', 'debug'],
    ['RouterExplorer', 'Mapped {/healthz, GET} route', 'debug'],
    ['RoutesResolver', 'HealthController {/}:', 'debug'],
    ['NestFactory', 'Starting Nest application...', 'debug'],
    ['NestApplication', 'Nest application successfully started', 'debug'],
    ['GraphQLModule', 'Mapped {/graphql, POST} route', 'debug'],
    ['ExpirySweeper', 'expired entries of a/b (version 3)', 'log'],
    ['Webhooks', 'webhook delivery works again', 'log'],
  ])('an info line of %s is written at %s', (context, message, expected) => {
    const { calls, logger } = recorder();
    logger.log(message, context);
    expect(calls).toEqual([[expected, [message, context]]]);
  });

  it('passes warnings and errors through, the framework’s included', () => {
    const { calls, logger } = recorder();
    logger.warn('slow', 'RouterExplorer');
    logger.error('boom', 'stack', 'NestApplication');
    logger.fatal('gone', 'NestFactory');
    expect(calls.map(([level]) => level)).toEqual(['warn', 'error', 'fatal']);
  });

  it('keeps a line without a context', () => {
    const { calls, logger } = recorder();
    logger.log('plain');
    expect(calls).toEqual([['log', ['plain']]]);
  });
});
