import { StartupError, startupFailureLine } from './startup-error';

const url = 'postgresql://app:s3cret@db.internal:6432/registry';

describe('startupFailureLine', () => {
  it.each<[string, unknown, string | undefined, string]>([
    [
      'a StartupError as it is',
      new StartupError('the port is in use'),
      undefined,
      'start-up failed: the port is in use',
    ],
    [
      'a refused connection, naming host and database but never the password',
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:6432'), { code: 'ECONNREFUSED' }),
      url,
      'start-up failed: cannot connect to the database "registry" on db.internal:6432 (nothing listens there: connect ECONNREFUSED 10.0.0.5:6432); check that PostgreSQL runs there and DATABASE_URL is right',
    ],
    [
      'a wrong password',
      Object.assign(new Error('password authentication failed for user "app"'), { code: '28P01' }),
      url,
      'start-up failed: cannot connect to the database "registry" on db.internal:6432 (the password is wrong: password authentication failed for user "app"); check that PostgreSQL runs there and DATABASE_URL is right',
    ],
    [
      'anything else: its first line only',
      new Error('Postgres init script failed\n    at stack (x.js:1:1)'),
      undefined,
      'start-up failed: Postgres init script failed',
    ],
    [
      'nothing at all',
      undefined,
      undefined,
      'start-up failed: unknown error (nothing was reported)',
    ],
  ])('%s', (_case, error, databaseUrl, line) => {
    expect(startupFailureLine(error, databaseUrl)).toBe(line);
    expect(startupFailureLine(error, databaseUrl)).not.toContain('s3cret');
  });
});
