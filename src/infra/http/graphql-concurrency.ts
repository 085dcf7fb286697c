import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';

import { type SlotLimits, type SlotRefusal, Slots } from './slots';

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

/** GraphQL operations take their turn (see Slots): a few execute at once, in arrival order. */
export class GraphqlSlots extends Slots<GraphQLError> {
  constructor(limits: number | Partial<SlotLimits>) {
    super(limits, busy);
  }

  /**
   * Holds a slot from the start of each operation until its response is ready to send. Should
   * an operation end without reaching that point, the slot is given back when its HTTP response
   * closes, so a slot can never leak. An operation refused a slot is answered with that error.
   */
  plugin(): ApolloServerPlugin<{ reply?: FastifyReply }> {
    return {
      requestDidStart: async ({ contextValue }) => {
        const raw = contextValue.reply?.raw;
        let refused: GraphQLError | undefined;
        const release = await this.acquire(raw).catch((error: GraphQLError) => {
          refused = error;
          return () => {};
        });
        raw?.once('close', release);
        return {
          didResolveOperation: () => (refused ? Promise.reject(refused) : Promise.resolve()),
          willSendResponse: () => {
            release();
            return Promise.resolve();
          },
        };
      },
    };
  }
}
