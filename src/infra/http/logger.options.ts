import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Params } from 'nestjs-pino';

import type { Config } from '../../config/config';
import { requestIdFor } from './request-id';

type WithActor = IncomingMessage & {
  actor?: { kind: string; tokenName?: string; teamSlug?: string };
};

/** JSON logs with request id, actor and latency; credentials are never written. */
export function loggerOptions(config: Config): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => requestIdFor(req),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      customProps: (req: IncomingMessage) => ({ actor: actorLabel(req) }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      },
      quietReqLogger: true,
    },
    forRoutes: ['*path'],
  };
}

function actorLabel(req: WithActor): string | undefined {
  const actor = req.actor;
  if (!actor) return undefined;
  return actor.kind === 'admin' ? 'admin' : `${actor.tokenName}@${actor.teamSlug}`;
}
