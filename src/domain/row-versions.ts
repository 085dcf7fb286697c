import { Lru } from './lru';

/** A database row as a read found it: its id and its version. */
export interface RowVersion {
  id: number;
  version: number;
}

interface Kept<V> extends RowVersion {
  value: V;
}

/**
 * Values remembered with the row they were read or written at, by key (a bounded, weighted
 * Lru): the mechanism behind KnownSets and KnownEvents. A value is handed out for a row only at
 * the id and version it was kept with, so a caller that has just read the row's id and version
 * from the database gets either what was true of that very row or nothing, and needs no change
 * feed to stay correct: a row whose content changes gets a new version, and one created again
 * after a delete a new id.
 */
export class RowVersions<V> {
  private readonly kept: Lru<Kept<V>>;

  constructor(limit: number, weigh: (value: V) => number = () => 1) {
    this.kept = new Lru<Kept<V>>(limit, (entry) => weigh(entry.value));
  }

  /** The value kept for `key`, only if it was kept at this id and version. */
  at(key: string, row: RowVersion): V | undefined {
    const entry = this.kept.get(key);
    return entry?.id === row.id && entry.version === row.version ? entry.value : undefined;
  }

  /** The value kept for `key` at whatever row it was kept with. */
  latest(key: string): V | undefined {
    return this.kept.get(key)?.value;
  }

  remember(key: string, row: RowVersion, value: V): void {
    this.kept.set(key, { id: row.id, version: row.version, value });
  }

  forget(key: string): void {
    this.kept.delete(key);
  }
}
