import { snapshotOf } from '../domain/alias-set';
import type { AliasSetSnapshot } from '../domain/host-alias';

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

export function toView(set: StoredAliasSet): AliasSetView {
  return { ...snapshotOf(set), createdAt: set.createdAt, updatedAt: set.updatedAt };
}
