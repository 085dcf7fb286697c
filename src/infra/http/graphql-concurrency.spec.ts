import { EventEmitter } from 'node:events';

import type { GraphQLRequestContext, GraphQLRequestListener } from '@apollo/server';
import type { FastifyReply } from 'fastify';

import { GraphqlSlots } from './graphql-concurrency';

/** Lets every settled promise run its callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Acquires a slot and records, in `order`, when it was granted. */
function track(slots: GraphqlSlots, name: string, order: string[]): Promise<() => void> {
  const granted = slots.acquire().then((release) => {
    order.push(name);
    return release;
  });
  granted.catch(() => order.push(`${name} refused`));
  return granted;
}

describe('GraphqlSlots', () => {
  it('runs at most `limit` operations and lets the others in, in arrival order', async () => {
    const slots = new GraphqlSlots(2);
    const order: string[] = [];
    const a = track(slots, 'a', order);
    const b = track(slots, 'b', order);
    void track(slots, 'c', order);
    void track(slots, 'd', order);
    await settle();
    expect(order).toEqual(['a', 'b']);
    expect(slots.stats).toEqual({ running: 2, queued: 2 });

    (await b)();
    await settle();
    expect(order).toEqual(['a', 'b', 'c']);
    (await a)();
    await settle();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(slots.stats).toEqual({ running: 2, queued: 0 });
  });

  it('gives a slot back once, however often release is called', async () => {
    const slots = new GraphqlSlots(1);
    const order: string[] = [];
    const first = await track(slots, 'first', order);
    void track(slots, 'second', order);
    void track(slots, 'third', order);
    first();
    first();
    await settle();
    expect(order).toEqual(['first', 'second']);
    expect(slots.stats).toEqual({ running: 1, queued: 1 });
  });

  it('refuses at once when the queue is full, with a 503 SERVICE_UNAVAILABLE', async () => {
    const slots = new GraphqlSlots({ concurrency: 1, maxQueued: 1 });
    const order: string[] = [];
    await track(slots, 'a', order);
    void track(slots, 'b', order);
    await expect(slots.acquire()).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
    expect(slots.stats).toEqual({ running: 1, queued: 1 });
  });

  it('refuses a waiter after maxWaitMs and forgets it', async () => {
    const slots = new GraphqlSlots({ concurrency: 1, maxWaitMs: 20 });
    const release = await slots.acquire();
    await expect(slots.acquire()).rejects.toThrow(/no GraphQL slot free within 20 ms/);
    expect(slots.stats).toEqual({ running: 1, queued: 0 });
    release();
    expect(slots.stats).toEqual({ running: 0, queued: 0 });
  });

  it('drops a waiter whose client went away, so no work is done for it', async () => {
    const slots = new GraphqlSlots(1);
    const order: string[] = [];
    const first = await track(slots, 'first', order);
    const client = new EventEmitter();
    const waiting = slots.acquire(client);
    void track(slots, 'next', order);
    client.emit('close');
    await expect(waiting).rejects.toThrow(/went away/);
    first();
    await settle();
    expect(order).toEqual(['first', 'next']);
  });

  describe('as the GraphQL route waits and Apollo answers', () => {
    // Only the fields the plugin reads: the context's reply and nothing else.
    const start = async (slots: GraphqlSlots, raw: EventEmitter) => {
      const contextValue = { reply: { raw } as unknown as FastifyReply };
      const context = { contextValue } as unknown as GraphQLRequestContext<{
        reply?: FastifyReply;
      }>;
      const listener = await slots.plugin().requestDidStart?.(context);
      return listener as GraphQLRequestListener<{ reply?: FastifyReply }>;
    };
    const responseContext = {} as Parameters<
      NonNullable<GraphQLRequestListener<{ reply?: FastifyReply }>['willSendResponse']>
    >[0];
    const operationContext = {} as Parameters<
      NonNullable<GraphQLRequestListener<{ reply?: FastifyReply }>['didResolveOperation']>
    >[0];

    it('waits before Apollo starts, and holds the slot until the response is ready to send', async () => {
      const slots = new GraphqlSlots(1);
      const first = new EventEmitter();
      await slots.takeTurn(first);
      const second = new EventEmitter();
      let secondWaited = false;
      const waiting = slots.takeTurn(second).then(() => (secondWaited = true));
      await settle();
      expect(secondWaited).toBe(false);
      expect(slots.stats).toEqual({ running: 1, queued: 1 });

      const listener = await start(slots, first);
      await expect(listener.didResolveOperation?.(operationContext)).resolves.toBeUndefined();
      await listener.willSendResponse?.(responseContext);
      await waiting;
      expect(slots.stats).toEqual({ running: 1, queued: 0 });
      await (await start(slots, second)).willSendResponse?.(responseContext);
      expect(slots.stats).toEqual({ running: 0, queued: 0 });
    });

    it('gives the slot back when the HTTP response closes without a GraphQL response', async () => {
      const slots = new GraphqlSlots(1);
      const raw = new EventEmitter();
      await slots.takeTurn(raw);
      const listener = await start(slots, raw);
      raw.emit('close');
      expect(slots.stats).toEqual({ running: 0, queued: 0 });
      // The late willSendResponse must not free a slot that is no longer held.
      await listener.willSendResponse?.(responseContext);
      await slots.takeTurn(new EventEmitter());
      void slots.acquire().catch(() => {});
      await settle();
      expect(slots.stats).toEqual({ running: 1, queued: 1 });
    });

    it('answers an operation refused a slot with the 503 after the other checks', async () => {
      const slots = new GraphqlSlots({ concurrency: 1, maxQueued: 0 });
      await slots.takeTurn(new EventEmitter());
      const refused = new EventEmitter();
      await slots.takeTurn(refused);
      const listener = await start(slots, refused);
      await expect(listener.didResolveOperation?.(operationContext)).rejects.toMatchObject({
        message: expect.stringMatching(/too many GraphQL operations waiting/),
        extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
      });
      await listener.willSendResponse?.(responseContext);
      expect(slots.stats).toEqual({ running: 1, queued: 0 });
    });

    it('lets an operation whose request took no turn run without a slot', async () => {
      const slots = new GraphqlSlots(1);
      const listener = await start(slots, new EventEmitter());
      await expect(listener.didResolveOperation?.(operationContext)).resolves.toBeUndefined();
      await listener.willSendResponse?.(responseContext);
      expect(slots.stats).toEqual({ running: 0, queued: 0 });
    });
  });
});
