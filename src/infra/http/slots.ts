/** Why a slot was not given. */
export type SlotRefusal = 'queue full' | 'waited too long' | 'client went away';

/** What waits for a slot: an HTTP response, so that a client that goes away leaves the queue. */
export interface Gone {
  once(event: 'close', listener: () => void): unknown;
}

interface Waiter<E extends Error> {
  grant: (release: () => void) => void;
  refuse: (error: E) => void;
  timer: NodeJS.Timeout;
}

export interface SlotLimits {
  /** Operations executing at once. */
  concurrency: number;
  /** Operations waiting for a slot; one more is refused at once. */
  maxQueued: number;
  /** How long an operation may wait for a slot before it is refused. */
  maxWaitMs: number;
}

/**
 * At most `concurrency` operations of one kind run at once; the others wait their turn in
 * arrival order. Without it, dozens of concurrent heavy requests interleave on the one thread
 * and in the database pool, each holding its data in memory, and the unluckiest wait many times
 * longer than the rest (the benchmark saw p99 5.8 s for a p50 of 1 s for 64 GraphQL lists at
 * once; in order, p99 is 1.2 s for the same throughput). The wait is bounded: a full queue or a
 * wait longer than `maxWaitMs` is refused with `refusal`'s error (a 503), and a client that goes
 * away leaves the queue, so no work is done for clients that left.
 *
 * Every operation starts on a later turn of the event loop (setImmediate), a free slot's too.
 * Started at once, each request's work ran inside the callback that read it, so the loop read
 * and ran one socket's request after another for as long as requests kept coming: the queue
 * stayed empty, a turn of the loop lasted 0.3-0.8 s under 64 manifests clients, and Node
 * accepts one new connection per turn, so new clients waited up to ten seconds to be accepted
 * (the benchmark's timeouts). Deferred, a turn reads every request (cheap: they queue) and runs
 * `concurrency` of them, and the queue's order is the order requests arrived.
 */
export class Slots<E extends Error> {
  private readonly queue: Waiter<E>[] = [];
  private executing = 0;
  readonly limits: SlotLimits;

  constructor(
    limits: number | Partial<SlotLimits>,
    private readonly refusal: (reason: SlotRefusal, limits: SlotLimits) => E,
  ) {
    const given = typeof limits === 'number' ? { concurrency: limits } : limits;
    this.limits = { concurrency: 4, maxQueued: 64, maxWaitMs: 10_000, ...given };
  }

  get limit(): number {
    return this.limits.concurrency;
  }

  get stats(): { running: number; queued: number } {
    return { running: this.executing, queued: this.queue.length };
  }

  /**
   * Waits for a slot; the returned function gives it back (calling it again does nothing).
   * Rejects when the queue is full, the wait is too long, or `gone` fires while waiting.
   */
  acquire(gone?: Gone): Promise<() => void> {
    if (this.executing < this.limits.concurrency) {
      this.executing++;
      const release = this.holder();
      return new Promise((resolve) => setImmediate(() => resolve(release)));
    }
    if (this.queue.length >= this.limits.maxQueued) {
      return Promise.reject(this.refusal('queue full', this.limits));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter<E> = {
        grant: resolve,
        refuse: reject,
        timer: setTimeout(() => this.leave(waiter, 'waited too long'), this.limits.maxWaitMs),
      };
      waiter.timer.unref();
      this.queue.push(waiter);
      // Fires for every response that waited, long after its turn came: the error is built only
      // for a waiter still queued (building one captures a stack: 1 % of a GraphQL page's CPU).
      gone?.once('close', () => this.leave(waiter, 'client went away'));
    });
  }

  /** `run` once a slot is free, the slot given back when it settles. */
  async run<T>(run: () => Promise<T>, gone?: Gone): Promise<T> {
    const release = await this.acquire(gone);
    try {
      return await run();
    } finally {
      release();
    }
  }

  private leave(waiter: Waiter<E>, reason: SlotRefusal): void {
    const index = this.queue.indexOf(waiter);
    if (index === -1) return;
    this.queue.splice(index, 1);
    clearTimeout(waiter.timer);
    waiter.refuse(this.refusal(reason, this.limits));
  }

  /**
   * The release of a slot held. A freed slot passes to the next waiter on a later turn of the
   * event loop (setImmediate), not in the same chain of promise callbacks: otherwise a queue of
   * heavy requests ran back to back without the loop reading a socket, answering a timer or
   * finishing a database handshake in between (event-loop stalls of 400-600 ms, database
   * connections timing out, clients waiting ten times the median). The slot stays counted as
   * held meanwhile, so no newcomer overtakes the queue.
   */
  private holder(): () => void {
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.queue.shift();
      if (!next) {
        this.executing--;
        return;
      }
      clearTimeout(next.timer);
      const release = this.holder();
      setImmediate(() => next.grant(release));
    };
  }
}
