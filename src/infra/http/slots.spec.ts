import { EventEmitter } from 'node:events';

import { type SlotRefusal, Slots } from './slots';

class Refused extends Error {
  constructor(readonly reason: SlotRefusal) {
    super(reason);
  }
}

const slotsOf = (concurrency: number, more: { maxQueued?: number; maxWaitMs?: number } = {}) =>
  new Slots({ concurrency, ...more }, (reason) => new Refused(reason));

/** Lets every settled promise run its callbacks, and a slot handed over (a turn later) arrive. */
const settle = async () => {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
};

describe('Slots', () => {
  it.each<[string, () => Promise<string>, string | Error]>([
    ['a result', () => Promise.resolve('done'), 'done'],
    ['a failure', () => Promise.reject(new Error('broken')), new Error('broken')],
  ])('run gives the slot back after %s', async (_case, work, outcome) => {
    const slots = slotsOf(1);
    const ran = slots.run(work);
    if (outcome instanceof Error) await expect(ran).rejects.toThrow(outcome.message);
    else await expect(ran).resolves.toBe(outcome);
    expect(slots.stats).toEqual({ running: 0, queued: 0 });
  });

  it('runs the waiting work in arrival order, `concurrency` at a time', async () => {
    const slots = slotsOf(2);
    const order: string[] = [];
    const gates = new Map<string, () => void>();
    const work = (name: string) =>
      slots.run(
        () =>
          new Promise<void>((resolve) => {
            order.push(name);
            gates.set(name, resolve);
          }),
      );
    const all = ['a', 'b', 'c', 'd', 'e'].map(work);
    await settle();
    expect(order).toEqual(['a', 'b']);
    gates.get('b')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c']);
    gates.get('a')!();
    gates.get('c')!();
    await settle();
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
    gates.get('d')!();
    gates.get('e')!();
    await Promise.all(all);
    expect(slots.stats).toEqual({ running: 0, queued: 0 });
  });

  it('starts the work of a free slot a turn of the event loop later, the slot counted at once', async () => {
    const slots = slotsOf(2);
    const started: string[] = [];
    const first = slots.acquire().then((release) => (started.push('first'), release));
    const second = slots.acquire().then((release) => (started.push('second'), release));
    const third = slots.acquire().then((release) => (started.push('third'), release));
    for (let tick = 0; tick < 5; tick++) await Promise.resolve();
    expect(started).toEqual([]);
    expect(slots.stats).toEqual({ running: 2, queued: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['first', 'second']);
    (await first)();
    (await second)();
    await settle();
    expect(started).toEqual(['first', 'second', 'third']);
    (await third)();
    expect(slots.stats).toEqual({ running: 0, queued: 0 });
  });

  it('hands a freed slot to the next waiter a turn of the event loop later, ahead of newcomers', async () => {
    const slots = slotsOf(1);
    const order: string[] = [];
    const release = await slots.acquire();
    const waiter = slots.acquire().then((next) => {
      order.push('waiter');
      return next;
    });
    release();
    const newcomer = slots.acquire().then((next) => {
      order.push('newcomer');
      return next;
    });
    for (let tick = 0; tick < 5; tick++) await Promise.resolve();
    expect(order).toEqual([]);
    expect(slots.stats).toEqual({ running: 1, queued: 1 });
    await settle();
    expect(order).toEqual(['waiter']);
    (await waiter)();
    await settle();
    expect(order).toEqual(['waiter', 'newcomer']);
    (await newcomer)();
    expect(slots.stats).toEqual({ running: 0, queued: 0 });
  });

  it.each<[SlotRefusal, (slots: Slots<Refused>) => Promise<unknown>]>([
    ['queue full', async (slots) => slots.run(() => Promise.resolve())],
    ['waited too long', async (slots) => slots.acquire()],
    [
      'client went away',
      async (slots) => {
        const client = new EventEmitter();
        const waiting = slots.acquire(client);
        client.emit('close');
        return waiting;
      },
    ],
  ])('refuses with the kind of error it was given: %s', async (reason, ask) => {
    const slots = slotsOf(1, { maxQueued: reason === 'queue full' ? 0 : 4, maxWaitMs: 10 });
    const release = await slots.acquire();
    await expect(ask(slots)).rejects.toEqual(new Refused(reason));
    expect(slots.stats).toEqual({ running: 1, queued: 0 });
    release();
  });
});
