/**
 * A start-up failure whose message already says what failed, why, and what to change: printed as
 * it is, on one line, with no stack trace (the stack would point at our code, not at the cause).
 */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: 'nothing listens there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  '28P01': 'the password is wrong',
  '28000': 'the user may not connect',
  '3D000': 'the database does not exist',
};

/**
 * The one line printed when start-up fails. `databaseUrl` (when the failure happened with one) is
 * named by host and database only, never with its password.
 */
export function startupFailureLine(error: unknown, databaseUrl?: string): string {
  if (error instanceof StartupError) return `start-up failed: ${error.message}`;
  if (error === undefined || error === null)
    return 'start-up failed: unknown error (nothing was reported)';
  const message = firstLine(error instanceof Error ? error.message : JSON.stringify(error));
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason = typeof code === 'string' ? CONNECTION_CODES[code] : undefined;
  if (reason && databaseUrl) {
    return `start-up failed: cannot connect to the database ${describeDatabaseUrl(databaseUrl)} (${reason}: ${message}); check that PostgreSQL runs there and DATABASE_URL is right`;
  }
  return `start-up failed: ${message}`;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim())
      ?.trim() ?? 'unknown error'
  );
}

/** A database URL as logs may show it: database, host and port, never the password. */
export function describeDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `"${url.pathname.replace(/^\//, '')}" on ${url.hostname}:${url.port || 5432}`;
  } catch {
    return 'of DATABASE_URL';
  }
}
