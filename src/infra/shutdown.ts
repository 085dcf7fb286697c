import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';

/** Work to do once Nest has closed the server and the database connections. */
export const SHUTDOWN_TASKS = Symbol('SHUTDOWN_TASKS');
export type ShutdownTask = () => Promise<void>;

@Injectable()
export class ShutdownTasks implements OnApplicationShutdown {
  constructor(@Inject(SHUTDOWN_TASKS) private readonly tasks: ShutdownTask[]) {}

  async onApplicationShutdown(): Promise<void> {
    for (const task of this.tasks) await task();
  }
}
