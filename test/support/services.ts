import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

import { testDatabaseUrl } from './app';

/** What a service threw: a DomainError's code, message and details (or any other error). */
export class ServiceError extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
    readonly details: Record<string, unknown>,
    readonly errors: { field: string; message: string }[],
  ) {
    super(message);
  }
}

export interface Services {
  /** Calls `service.method(...args)` in the service host; rejects with a ServiceError. */
  call: <T>(service: string, method: string, ...args: unknown[]) => Promise<T>;
  close: () => Promise<void>;
}

type Reply =
  | { ready: true }
  | {
      id: number;
      result?: unknown;
      error?: { code?: string; message: string; details?: Record<string, unknown>; errors?: [] };
    };

/**
 * The application's services on the test database, without the HTTP server (see
 * service-host.ts for why they run in a child process). Arguments and results cross as
 * structured clones, so Dates and Maps survive.
 */
export async function startServices(): Promise<Services> {
  const child: ChildProcess = fork(join(__dirname, 'service-host.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { PATH: process.env.PATH, DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: 'silent' },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: Reply) => void>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`service host exited with ${code}`)));
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) resolve();
      else pending.get(reply.id)?.(reply);
    });
  });
  return {
    call: <T>(service: string, method: string, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, (reply) => {
          pending.delete(id);
          if ('ready' in reply) return;
          const { error } = reply;
          if (!error) return resolve(reply.result as T);
          reject(
            new ServiceError(error.code, error.message, error.details ?? {}, error.errors ?? []),
          );
        });
        child.send({ id, service, method, args });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}
