import { Injectable } from '@nestjs/common';

import { formatSetRef, type SetRef } from '../domain/host-alias';
import { RowVersions } from '../domain/row-versions';
import type { StoredAliasSet } from './alias-set';

/**
 * Sets remembered as this replica last wrote or read them, weighed by entries: a few times the
 * sets a busy pipeline rewrites in a row (the benchmark rotates 2,000 sets of ten entries) or a
 * portal lists, some MB.
 */
const MAX_KNOWN_ENTRIES = 50_000;

/**
 * Alias sets as this replica last wrote or read them, by `team/name` (RowVersions): each exactly
 * as the database held it at its version (a write remembers the normalized content its statement
 * stored). Never trusted blindly, so no change feed is needed to keep it: a set's id and
 * version name its content (every change bumps the version, a set re-created after a delete
 * has a new id, names are never reused for another id while it exists), so
 * - a write starts from the remembered set and its statement checks the version (SetChange);
 * - a list reads each listed set's id and version, and only the sets not remembered at that
 *   version are read in full.
 */
@Injectable()
export class KnownSets {
  private readonly sets = new RowVersions<StoredAliasSet>(
    MAX_KNOWN_ENTRIES,
    (set) => set.entries.length + 1,
  );

  /** The set as last seen, at whatever version that was. */
  get(ref: SetRef): StoredAliasSet | undefined {
    return this.sets.latest(formatSetRef(ref));
  }

  /** The set as last seen, only if that is the database's row `id` at `version`. */
  at(ref: SetRef, id: number, version: number): StoredAliasSet | undefined {
    return this.sets.at(formatSetRef(ref), { id, version });
  }

  /** The set as this replica just wrote or read it (null: deleted). */
  remember(ref: SetRef, set: StoredAliasSet | null): void {
    if (set) this.sets.remember(formatSetRef(ref), set, set);
    else this.sets.forget(formatSetRef(ref));
  }
}
