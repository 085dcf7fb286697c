/**
 * The service's configuration, validated once at boot. Nothing else in the code reads
 * `process.env`: everything takes a `Config` from the container.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Absent: the embedded PostgreSQL under `embeddedDataDir`. */
  databaseUrl?: string;
  /**
   * A direct (or session-pooled) connection for the change feed's LISTEN, when `databaseUrl` goes
   * through a transaction-mode pooler such as PgBouncer, where LISTEN silently hears nothing.
   */
  databaseListenUrl?: string;
  /**
   * The owner of the tables, for migrations only; absent: DATABASE_URL migrates too. Lets the
   * service itself log in as a role that owns nothing (a member of hostaliases_app).
   */
  migrationDatabaseUrl?: string;
  port: number;
  host: string;
  /** Bootstrap super-user token; absent: no super-user (only team tokens work). */
  adminToken?: string;
  logLevel: LogLevel;
  embeddedDataDir: string;
  embeddedPort: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Requests per minute per token (or per address without one); 0 disables the limit. */
  rateLimitPerMinute: number;
  /** GraphQL operations executing at once; more wait their turn in arrival order. */
  graphqlConcurrency: number;
  /** Manifests requests (apply, check) processed at once; more wait their turn in arrival order. */
  manifestsConcurrency: number;
  /** Executions of a query document before it runs compiled (graphql-jit); 0: never compiled. */
  graphqlJitAfter: number;
  /** How often this replica sweeps expired entries into new versions, in ms; 0: never. */
  expirySweepIntervalMs: number;
  /** How long an admission review may wait for the registry before allowing the pod unchanged. */
  admissionBudgetMs: number;
  webhooks: WebhookConfig;
}

/** Delivery of webhooks (SPEC 10). */
export interface WebhookConfig {
  /** Longest wait for one attempt's response. */
  timeoutMs: number;
  /** Delay before the second attempt; doubled for each further one, with jitter. */
  retryBaseMs: number;
  /** Longest single wait between attempts. */
  retryMaxDelayMs: number;
  /** A delivery still failing this long after it was created is marked failed. */
  retryForMs: number;
  /** How often a replica looks for due deliveries when nothing woke it. */
  pollMs: number;
  /** Attempts in flight at once per replica. */
  concurrency: number;
  /** Encrypts webhook secrets at rest (AES-256-GCM); absent: stored as they are. */
  secretKey?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MIN_ADMIN_TOKEN_LENGTH = 16;

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(`${name} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return Number(raw);
}

function parseWhole(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

const MIN_WEBHOOK_SECRET_KEY_LENGTH = 32;

function webhookConfig(env: NodeJS.ProcessEnv): WebhookConfig {
  const secretKey = env.WEBHOOK_SECRET_KEY === '' ? undefined : env.WEBHOOK_SECRET_KEY;
  if (secretKey !== undefined && secretKey.length < MIN_WEBHOOK_SECRET_KEY_LENGTH) {
    throw new ConfigError(
      `WEBHOOK_SECRET_KEY must be at least ${MIN_WEBHOOK_SECRET_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`,
    );
  }
  const day = 24 * 3600_000;
  return {
    timeoutMs: parseWhole(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
    retryBaseMs: parseWhole(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 1, day),
    retryMaxDelayMs: parseWhole(env, 'WEBHOOK_RETRY_MAX_DELAY_MS', 3600_000, 1, day),
    retryForMs: parseWhole(env, 'WEBHOOK_RETRY_FOR_MS', day, 0, 30 * day),
    pollMs: parseWhole(env, 'WEBHOOK_POLL_MS', 1000, 10, 60_000),
    concurrency: parseWhole(env, 'WEBHOOK_CONCURRENCY', 8, 1, 256),
    secretKey,
  };
}

function parseDatabaseUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as postgresql://user:pass@host:5432/db`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new ConfigError(`${name} must use postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

/** Reads and validates the environment; throws `ConfigError` with one clear line on bad input. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const adminToken = env.ADMIN_TOKEN === '' ? undefined : env.ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (it is a super-user password)`,
    );
  }
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`,
    );
  }
  const bodyLimit = env.BODY_LIMIT_BYTES ?? '1048576';
  if (!/^\d+$/.test(bodyLimit) || Number(bodyLimit) < 1024) {
    throw new ConfigError(
      `BODY_LIMIT_BYTES must be an integer of at least 1024, got "${bodyLimit}"`,
    );
  }
  const rateLimit = env.RATE_LIMIT_PER_MINUTE ?? '1200';
  if (!/^\d+$/.test(rateLimit)) {
    throw new ConfigError(
      `RATE_LIMIT_PER_MINUTE must be a whole number (0 disables), got "${rateLimit}"`,
    );
  }
  const graphqlConcurrency = env.GRAPHQL_CONCURRENCY ?? '4';
  if (!/^\d+$/.test(graphqlConcurrency) || Number(graphqlConcurrency) < 1) {
    throw new ConfigError(
      `GRAPHQL_CONCURRENCY must be a whole number of at least 1, got "${graphqlConcurrency}"`,
    );
  }
  const manifestsConcurrency = env.MANIFESTS_CONCURRENCY ?? '2';
  if (!/^\d+$/.test(manifestsConcurrency) || Number(manifestsConcurrency) < 1) {
    throw new ConfigError(
      `MANIFESTS_CONCURRENCY must be a whole number of at least 1, got "${manifestsConcurrency}"`,
    );
  }
  const graphqlJitAfter = env.GRAPHQL_JIT_AFTER ?? '2';
  if (!/^\d+$/.test(graphqlJitAfter)) {
    throw new ConfigError(
      `GRAPHQL_JIT_AFTER must be a whole number (0 disables), got "${graphqlJitAfter}"`,
    );
  }
  const admissionBudget = env.ADMISSION_BUDGET_MS ?? '2000';
  if (
    !/^\d+$/.test(admissionBudget) ||
    Number(admissionBudget) < 1 ||
    Number(admissionBudget) > 29000
  ) {
    throw new ConfigError(
      `ADMISSION_BUDGET_MS must be a whole number of milliseconds from 1 to 29000 (below the webhook's timeoutSeconds), got "${admissionBudget}"`,
    );
  }
  const databaseUrl = parseDatabaseUrl('DATABASE_URL', env.DATABASE_URL);
  const databaseListenUrl = parseDatabaseUrl('DATABASE_LISTEN_URL', env.DATABASE_LISTEN_URL);
  if (databaseListenUrl && !databaseUrl) {
    throw new ConfigError(
      'DATABASE_LISTEN_URL needs DATABASE_URL (the embedded database needs neither)',
    );
  }
  const sweepInterval = env.EXPIRY_SWEEP_INTERVAL_MS ?? '5000';
  if (!/^\d+$/.test(sweepInterval) || (Number(sweepInterval) > 0 && Number(sweepInterval) < 100)) {
    throw new ConfigError(
      `EXPIRY_SWEEP_INTERVAL_MS must be a whole number of milliseconds, at least 100 (0 disables), got "${sweepInterval}"`,
    );
  }
  return {
    databaseUrl,
    databaseListenUrl,
    migrationDatabaseUrl: parseDatabaseUrl('MIGRATION_DATABASE_URL', env.MIGRATION_DATABASE_URL),
    port: parsePort('PORT', env.PORT, 3000),
    // The embedded database is a development setup: stay on the loopback unless told otherwise.
    host: env.HOST || (databaseUrl ? '0.0.0.0' : '127.0.0.1'),
    adminToken,
    logLevel: logLevel as LogLevel,
    embeddedDataDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPort: parsePort('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    bodyLimit: Number(bodyLimit),
    rateLimitPerMinute: Number(rateLimit),
    graphqlConcurrency: Number(graphqlConcurrency),
    manifestsConcurrency: Number(manifestsConcurrency),
    graphqlJitAfter: Number(graphqlJitAfter),
    expirySweepIntervalMs: Number(sweepInterval),
    admissionBudgetMs: Number(admissionBudget),
    webhooks: webhookConfig(env),
  };
}
