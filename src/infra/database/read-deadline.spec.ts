import type { PoolClient, QueryResult } from 'pg';

import { ReadDeadline } from './read-deadline';

type Callback = (error: Error | undefined, result?: QueryResult) => void;

/** A connection whose statements answer only when told to; `end` is what the deadline calls. */
function fakeClient() {
  const pending: Callback[] = [];
  const client = {
    ended: 0,
    query: (_statement: unknown, callback: Callback) => void pending.push(callback),
    end: () => {
      client.ended += 1;
      // pg fails the statement in flight when its socket is destroyed.
      pending.shift()?.(new Error('Connection terminated unexpectedly'));
      return Promise.resolve();
    },
    answer: () => pending.shift()?.(undefined, { rows: [{ ok: 1 }] } as unknown as QueryResult),
  };
  return client;
}
const asPoolClient = (client: ReturnType<typeof fakeClient>) => client as unknown as PoolClient;

describe('ReadDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it.each([
    ['answered in time', 2_000, 0],
    ['still unanswered just under the limit', 5_999, 0],
    ['unanswered past the limit (checked once a second)', 7_000, 1],
  ])('%s: %d ms -> %d connections ended', async (_name, waitMs, ended) => {
    const deadline = new ReadDeadline(6_000, 1_000);
    const client = fakeClient();
    const result = deadline.query(asPoolClient(client), { text: 'SELECT 1' });
    result.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(waitMs);
    expect(client.ended).toBe(ended);
    if (ended === 0) {
      client.answer();
      await expect(result).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    } else {
      await expect(result).rejects.toThrow('Connection terminated');
    }
    deadline.stop();
  });

  it('ends only the connections over the limit, oldest first', async () => {
    const deadline = new ReadDeadline(6_000, 1_000);
    const old = fakeClient();
    const fresh = fakeClient();
    const first = deadline.query(asPoolClient(old), { text: 'SELECT 1' });
    first.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(4_000);
    const second = deadline.query(asPoolClient(fresh), { text: 'SELECT 2' });
    await jest.advanceTimersByTimeAsync(3_000);
    expect([old.ended, fresh.ended]).toEqual([1, 0]);
    await expect(first).rejects.toThrow('Connection terminated');
    fresh.answer();
    await expect(second).resolves.toMatchObject({ rows: [{ ok: 1 }] });
    deadline.stop();
  });

  it('forgets a connection once its statement is answered', async () => {
    const deadline = new ReadDeadline(6_000, 1_000);
    const client = fakeClient();
    const answered = deadline.query(asPoolClient(client), { text: 'SELECT 1' });
    client.answer();
    await answered;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(client.ended).toBe(0);
    deadline.stop();
  });

  it('gives a connection whose statement failed back as broken, and a good one as it is', async () => {
    const deadline = new ReadDeadline(6_000, 1_000);
    const client = fakeClient();
    const released: unknown[] = [];
    const pooled = Object.assign(client, { release: (error?: Error) => released.push(error) });
    const pool = { connect: () => Promise.resolve(pooled) } as unknown as Parameters<
      ReadDeadline['poolQuery']
    >[0];
    const good = deadline.poolQuery(pool, { text: 'SELECT 1' });
    await Promise.resolve();
    client.answer();
    await good;
    const bad = deadline.poolQuery(pool, { text: 'SELECT 1' });
    bad.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(7_000);
    await expect(bad).rejects.toThrow('Connection terminated');
    expect(released).toEqual([undefined, expect.any(Error)]);
    deadline.stop();
  });
});
