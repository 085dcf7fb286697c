import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';

/** Work to do once Nest has closed the server and the database connections. */
export const SHUTDOWN_TASKS = Symbol('SHUTDOWN_TASKS');
export type ShutdownTask = () => Promise<void>;

@Injectable()
export class ShutdownTasks implements OnApplicationShutdown {
  constructor(@Inject(SHUTDOWN_TASKS) private readonly tasks: ShutdownTask[]) {}

  /** Shutdown says one line, once everything is closed, like the start-up's plain lines. */
  async onApplicationShutdown(signal?: string): Promise<void> {
    for (const task of this.tasks) await task();
    console.log(
      `hostaliases registry stopped${signal ? ` on ${signal}` : ''}: requests drained, database connections closed`,
    );
  }
}
