import { Injectable } from '@nestjs/common';

import { type RowVersion, RowVersions } from '../domain/row-versions';
import type { AuditEvent } from './audit-event';

/**
 * Events kept at most, without snapshots (a few hundred bytes each): a portal's lists of sets
 * with their latest events many times over, a few MB.
 */
const MAX_KNOWN_EVENTS = 20_000;

/** A set as a read of the database found it in this request: `team/name`, row id, version. */
export interface SetAtVersion extends RowVersion {
  ref: string;
}

/**
 * The newest events of alias sets (without before/after) as this replica last read them, by set
 * and page (its size and the team filter of the reader), kept with the set's row (RowVersions,
 * the mechanism of KnownSets too). It needs no change feed, on the same ground as KnownSets: a
 * set's events change only with the set. Every event about a set is written by the statement
 * that changes it (a new version, a new id when re-created, a delete: AliasSetWriter), and events
 * are never changed or removed (the application's role may not: migration 20261202183000). So the
 * events read for a set at id X and version v, by a request that found it at X and v before
 * reading them, are those of every later request that finds it at X and v. Asked only with the id
 * and version a read in the same request found (readView: never a dry run's set, which no write
 * has made yet).
 */
@Injectable()
export class KnownEvents {
  private readonly known = new RowVersions<AuditEvent[]>(
    MAX_KNOWN_EVENTS,
    (events) => events.length + 1,
  );

  get(set: SetAtVersion, page: string): AuditEvent[] | undefined {
    return this.known.at(`${page}\n${set.ref}`, set);
  }

  remember(set: SetAtVersion, page: string, events: AuditEvent[]): void {
    this.known.remember(`${page}\n${set.ref}`, set, events);
  }
}
