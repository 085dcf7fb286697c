import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Params } from 'nestjs-pino';
import { pino } from 'pino';

import type { Config } from '../../config/config';
import { requestIdFor } from './request-id';

type WithActor = IncomingMessage & {
  actor?: { kind: string; tokenName?: string; teamSlug?: string };
};

/** JSON logs with request id, actor and latency; credentials are never written. */
export function loggerOptions(config: Config): Params {
  const completionLogged = pino.levels.values[config.logLevel] <= pino.levels.values.info;
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage) => requestIdFor(req),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      // The actor is known once the guard has run, i.e. for the completion line; a request-start
      // binding of an unknown actor would only cost a child logger per request.
      customProps: (req: IncomingMessage) => {
        const actor = actorLabel(req);
        return (actor === undefined ? undefined : { actor }) as object;
      },
      // The completion line is info; below that level say so up front, so pino-http builds no
      // child logger for a line that would be dropped anyway.
      customLogLevel: () => (completionLogged ? 'info' : 'silent'),
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
