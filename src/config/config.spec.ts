import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      databaseListenUrl: undefined,
      port: 3000,
      host: '127.0.0.1',
      adminToken: undefined,
      logLevel: 'info',
      embeddedDataDir: '.data/postgres',
      embeddedPort: 54329,
      bodyLimit: 1048576,
      rateLimitPerMinute: 1200,
      graphqlConcurrency: 4,
      manifestsConcurrency: 2,
      graphqlJitAfter: 2,
      admissionBudgetMs: 2000,
      webhooks: {
        timeoutMs: 5000,
        retryBaseMs: 5000,
        retryMaxDelayMs: 3600_000,
        retryForMs: 86_400_000,
        pollMs: 1000,
        concurrency: 8,
        secretKey: undefined,
      },
      expirySweepIntervalMs: 5000,
    });
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgresql://u:p@db:5432/x',
        DATABASE_LISTEN_URL: 'postgresql://u:p@db-direct:5432/x',
        PORT: '8080',
        HOST: '127.0.0.1',
        ADMIN_TOKEN: 'a-long-enough-admin-token',
        LOG_LEVEL: 'DEBUG',
        EMBEDDED_PG_DIR: '/var/lib/ha',
        EMBEDDED_PG_PORT: '6543',
        BODY_LIMIT_BYTES: '2048',
        RATE_LIMIT_PER_MINUTE: '0',
        GRAPHQL_CONCURRENCY: '16',
        GRAPHQL_JIT_AFTER: '0',
        MANIFESTS_CONCURRENCY: '8',
        ADMISSION_BUDGET_MS: '500',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_RETRY_BASE_MS: '50',
        WEBHOOK_RETRY_MAX_DELAY_MS: '1000',
        WEBHOOK_RETRY_FOR_MS: '60000',
        WEBHOOK_POLL_MS: '100',
        WEBHOOK_CONCURRENCY: '2',
        WEBHOOK_SECRET_KEY: 'k'.repeat(32),
        EXPIRY_SWEEP_INTERVAL_MS: '250',
      }),
    ).toEqual({
      databaseUrl: 'postgresql://u:p@db:5432/x',
      databaseListenUrl: 'postgresql://u:p@db-direct:5432/x',
      port: 8080,
      host: '127.0.0.1',
      adminToken: 'a-long-enough-admin-token',
      logLevel: 'debug',
      embeddedDataDir: '/var/lib/ha',
      embeddedPort: 6543,
      bodyLimit: 2048,
      rateLimitPerMinute: 0,
      graphqlConcurrency: 16,
      manifestsConcurrency: 8,
      graphqlJitAfter: 0,
      admissionBudgetMs: 500,
      webhooks: {
        timeoutMs: 2000,
        retryBaseMs: 50,
        retryMaxDelayMs: 1000,
        retryForMs: 60_000,
        pollMs: 100,
        concurrency: 2,
        secretKey: 'k'.repeat(32),
      },
      expirySweepIntervalMs: 250,
    });
  });

  it.each([
    [{}, '127.0.0.1'],
    [{ DATABASE_URL: 'postgresql://u:p@db:5432/x' }, '0.0.0.0'],
    [{ DATABASE_URL: 'postgresql://u:p@db:5432/x', HOST: '127.0.0.1' }, '127.0.0.1'],
  ])(
    'listens on the loopback with the embedded database, everywhere with DATABASE_URL (%j)',
    (env, host) => {
      expect(loadConfig(env).host).toBe(host);
    },
  );

  it.each([
    [
      { DATABASE_LISTEN_URL: 'postgresql://u:p@db:5432/x' },
      'DATABASE_LISTEN_URL needs DATABASE_URL (the embedded database needs neither)',
    ],
    [
      { DATABASE_URL: 'postgresql://u:p@db:5432/x', DATABASE_LISTEN_URL: 'http://db' },
      'DATABASE_LISTEN_URL must use postgresql://, got "http://"',
    ],
    [{ PORT: 'http' }, 'PORT must be a TCP port between 1 and 65535, got "http"'],
    [
      { ADMISSION_BUDGET_MS: '30000' },
      'ADMISSION_BUDGET_MS must be a whole number of milliseconds from 1 to 29000 (below the webhook\'s timeoutSeconds), got "30000"',
    ],
    [{ PORT: '70000' }, 'PORT must be a TCP port between 1 and 65535, got "70000"'],
    [
      { DATABASE_URL: 'not a url' },
      'DATABASE_URL must be a URL such as postgresql://user:pass@host:5432/db',
    ],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must use postgresql://, got "mysql://"'],
    [
      { ADMIN_TOKEN: 'short' },
      'ADMIN_TOKEN must be at least 16 characters (it is a super-user password)',
    ],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [{ BODY_LIMIT_BYTES: '10' }, 'BODY_LIMIT_BYTES must be an integer of at least 1024, got "10"'],
    [
      { WEBHOOK_TIMEOUT_MS: '5s' },
      'WEBHOOK_TIMEOUT_MS must be a whole number from 100 to 60000, got "5s"',
    ],
    [
      { WEBHOOK_SECRET_KEY: 'short' },
      'WEBHOOK_SECRET_KEY must be at least 32 characters (e.g. openssl rand -base64 32)',
    ],
    [
      { RATE_LIMIT_PER_MINUTE: '-1' },
      'RATE_LIMIT_PER_MINUTE must be a whole number (0 disables), got "-1"',
    ],
    [
      { GRAPHQL_CONCURRENCY: '0' },
      'GRAPHQL_CONCURRENCY must be a whole number of at least 1, got "0"',
    ],
    [
      { EXPIRY_SWEEP_INTERVAL_MS: '10' },
      'EXPIRY_SWEEP_INTERVAL_MS must be a whole number of milliseconds, at least 100 (0 disables), got "10"',
    ],
    [
      { MANIFESTS_CONCURRENCY: '0' },
      'MANIFESTS_CONCURRENCY must be a whole number of at least 1, got "0"',
    ],
    [
      { GRAPHQL_JIT_AFTER: '-1' },
      'GRAPHQL_JIT_AFTER must be a whole number (0 disables), got "-1"',
    ],
    [
      { GRAPHQL_CONCURRENCY: 'many' },
      'GRAPHQL_CONCURRENCY must be a whole number of at least 1, got "many"',
    ],
  ])('refuses %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
