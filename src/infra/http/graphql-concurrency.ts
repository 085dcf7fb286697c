import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';

import { type Gone, type SlotLimits, type SlotRefusal, Slots } from './slots';

/** The service is busy: 503 with Retry-After, GraphQL code SERVICE_UNAVAILABLE. */
function busy(reason: SlotRefusal, limits: SlotLimits): GraphQLError {
  const message = {
    'queue full': `too many GraphQL operations waiting (${limits.maxQueued}); retry shortly`,
    'waited too long': `no GraphQL slot free within ${limits.maxWaitMs} ms; retry shortly`,
    'client went away': 'the client went away',
  }[reason];
  return new GraphQLError(message, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      http: { status: 503, headers: new Map([['retry-after', '1']]) },
    },
  });
}

/** What a GraphQL request got from `takeTurn`: a slot to give back, or the reason it has none. */
type Turn = { release: () => void } | { refused: GraphQLError };

/** The HTTP response of a GraphQL request: where it waits and where its turn is kept. */
type RawResponse = Gone & object;

/**
 * GraphQL operations take their turn (see Slots): a few execute at once, in arrival order.
 *
 * The wait is before Apollo starts on the request (`takeTurn`, the GraphQL route's preHandler),
 * not in an Apollo hook. Whatever an operation creates before it waits outlives a few young-
 * generation collections and is promoted to the old generation; from there it holds what is
 * attached to it later (the answer's tree, its JSON text) until the next full collection, so a
 * page built young was promoted too. Waiting inside Apollo, that was Apollo's request context and
 * the promises of its pipeline: at 64 connections every list of 100 sets promoted about 350 KB
 * and spent 2.8 ms of CPU, against 25 KB and 1.3 ms waiting before Apollo (bench/RESULTS.md).
 * Apollo's plugin (`plugin`) then only reports a refusal and gives the slot back once the
 * response is ready to send; should the request end before that, the slot is given back when
 * its HTTP response closes, so a slot can never leak.
 */
export class GraphqlSlots extends Slots<GraphQLError> {
  private readonly turns = new WeakMap<RawResponse, Turn>();

  constructor(limits: number | Partial<SlotLimits>) {
    super(limits, busy);
  }

  /** Waits for a slot for the request answered on `raw`; a refusal is kept for `plugin`. */
  async takeTurn(raw: RawResponse): Promise<void> {
    const turn = await this.acquire(raw).then(
      (release): Turn => {
        raw.once('close', release);
        return { release };
      },
      (refused: GraphQLError): Turn => ({ refused }),
    );
    this.turns.set(raw, turn);
  }

  /**
   * Answers an operation refused a slot with that error, and gives a slot back as soon as its
   * response is ready to send. An operation whose request took no turn (none in the service:
   * every operation comes through the GraphQL route) runs without a slot.
   */
  plugin(): ApolloServerPlugin<{ reply?: FastifyReply }> {
    return {
      requestDidStart: ({ contextValue }) => {
        const raw = contextValue.reply?.raw;
        const turn = raw === undefined ? undefined : this.turns.get(raw);
        return Promise.resolve({
          didResolveOperation: () =>
            turn !== undefined && 'refused' in turn
              ? Promise.reject(turn.refused)
              : Promise.resolve(),
          willSendResponse: () => {
            if (turn !== undefined && 'release' in turn) turn.release();
            return Promise.resolve();
          },
        });
      },
    };
  }
}
