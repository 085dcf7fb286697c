import type { AliasSetSnapshot } from '../domain/host-alias';
import type { Impact } from '../domain/impact';
import type { RowVersion } from '../domain/row-versions';

/** An alias set as stored: its snapshot plus bookkeeping. */
export interface StoredAliasSet extends AliasSetSnapshot {
  id: number;
  teamId: number;
  createdAt: Date;
  updatedAt: Date;
}

/** An alias set as clients see it: the stored set without database ids. */
export type AliasSetView = Omit<StoredAliasSet, 'id' | 'teamId'>;

export interface RevisionSummary {
  version: number;
  createdAt: Date;
  actor: string;
}

export interface Revision extends RevisionSummary {
  snapshot: AliasSetSnapshot;
}

/**
 * A stored set's content is normalized when it is read or written (toStored, contentOf), so the
 * view shares its entries instead of normalizing them again: a page of 100 sets copied every
 * entry twice for nothing. Views are read-only.
 */
export function toView(set: StoredAliasSet): AliasSetView {
  return {
    team: set.team,
    name: set.name,
    description: set.description,
    shared: set.shared,
    entries: set.entries,
    includes: set.includes,
    version: set.version,
    createdAt: set.createdAt,
    updatedAt: set.updatedAt,
  };
}

const READ_AS = Symbol('readAs');

/**
 * The view of a set a query just read (or confirmed at its id and version), marked with that
 * row: what data that changes only with a set's version is remembered by (KnownEvents). Only
 * reads mark views; a write's answer, a dry run's above all, is not marked. A symbol: no answer
 * shows it.
 */
export function readView(set: StoredAliasSet): AliasSetView {
  const read: RowVersion = { id: set.id, version: set.version };
  return Object.assign(toView(set), { [READ_AS]: read });
}

/** The row `view` was read as, if a read made it (readView). */
export function readAs(view: object): RowVersion | undefined {
  return (view as { [READ_AS]?: RowVersion })[READ_AS];
}

/** The answer to a write: the set, and for a dry run what the change would do. */
export type WriteView = AliasSetView & { impact?: Impact };

export function writeView(outcome: { set: StoredAliasSet; impact?: Impact }): WriteView {
  const view = toView(outcome.set);
  return outcome.impact ? { ...view, impact: outcome.impact } : view;
}
