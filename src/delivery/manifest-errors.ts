import { DomainError, DomainErrorCode } from '../domain/errors';
import type { HandWrittenConflict } from '../domain/managed-merge';
import type { SlotLimits, SlotRefusal } from '../infra/http/slots';

/** The errors a manifests request is refused with, besides the domain's own. */

/** The service is busy: 503 with Retry-After. */
export function busy(reason: SlotRefusal, { maxQueued, maxWaitMs }: SlotLimits): DomainError {
  const message = {
    'queue full': `too many manifests requests waiting (${maxQueued}); retry shortly`,
    'waited too long': `no turn for the manifests within ${maxWaitMs} ms; retry shortly`,
    'client went away': 'the client went away',
  }[reason];
  return new DomainError(DomainErrorCode.UNAVAILABLE, message);
}

/** `onConflict=error`: a hand-written entry claiming a registry hostname stops the apply. */
export function refuseConflicts(
  planned: { item: { document: string }; merged: { conflicts: HandWrittenConflict[] } }[],
): void {
  const conflicts = planned.flatMap((p) =>
    p.merged.conflicts.map((conflict: HandWrittenConflict) => ({
      document: p.item.document,
      ...conflict,
    })),
  );
  if (conflicts.length === 0) return;
  const described = conflicts
    .slice(0, 10)
    .map(
      (c) =>
        `${c.document}: "${c.hostname}" is ${c.ip} in the registry, ${c.handWrittenIp} by hand`,
    );
  throw DomainError.conflict(
    `hand-written hostAliases contradict the registry (onConflict=first applies anyway): ${described.join('; ')}`,
    { conflicts },
  );
}

/** A resolution error, pointed at the field of the request that caused it. */
export function locate(error: unknown, field: string): unknown {
  if (!(error instanceof DomainError) || error.code === DomainErrorCode.UNAVAILABLE) return error;
  const errors = error.errors.length > 0 ? error.errors : [{ field, message: error.message }];
  return new DomainError(error.code, `${field}: ${error.message}`, errors, error.details);
}
