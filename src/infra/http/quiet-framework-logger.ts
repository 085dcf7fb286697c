import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: a line per module, controller and route. Useful when debugging the
 * wiring, noise otherwise: it buried the lines an operator needs (database, token file,
 * migrations, listening URL), so at the default level it is not written.
 */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'GraphQLModule',
  'NestApplication',
]);

/** The context Nest passes as the last argument of a log call, if it is one of its own. */
function fromFramework(params: unknown[]): boolean {
  const context = params.at(-1);
  return typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context);
}

/**
 * The application's logger with Nest's informational start-up lines moved down to `debug`
 * (`LOG_LEVEL=debug` shows them again). Warnings and errors, Nest's included, are unchanged.
 */
export class QuietFrameworkLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    if (fromFramework(params)) this.inner.debug?.(message, ...params);
    else this.inner.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.inner.fatal?.(message, ...params);
  }
}
