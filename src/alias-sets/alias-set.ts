import type { AliasEntry, AliasSetSnapshot } from '../domain/host-alias';

/** An alias set as stored: its snapshot plus bookkeeping. */
export interface StoredAliasSet extends AliasSetSnapshot {
  id: number;
  teamId: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a client writes: everything but identity and version. */
export interface AliasSetContent {
  description: string;
  shared: boolean;
  entries: AliasEntry[];
  includes: string[];
}

export interface RevisionSummary {
  version: number;
  createdAt: Date;
  actor: string;
}

export interface Revision extends RevisionSummary {
  snapshot: AliasSetSnapshot;
}

/** Entries as clients see them: `clusters` only when the entry is scoped. */
export function normalizeEntries(entries: AliasEntry[]): AliasEntry[] {
  return entries.map((entry) =>
    entry.clusters && entry.clusters.length > 0
      ? { ip: entry.ip, hostnames: [...entry.hostnames], clusters: [...entry.clusters] }
      : { ip: entry.ip, hostnames: [...entry.hostnames] },
  );
}

export function contentOf(set: AliasSetSnapshot): AliasSetContent {
  return {
    description: set.description,
    shared: set.shared,
    entries: normalizeEntries(set.entries),
    includes: [...set.includes],
  };
}

/** Same content, so a write would change nothing (and must create no version). */
export function sameContent(a: AliasSetContent, b: AliasSetContent): boolean {
  return (
    JSON.stringify(contentOf({ ...a, team: '', name: '', version: 0 })) ===
    JSON.stringify(contentOf({ ...b, team: '', name: '', version: 0 }))
  );
}

export function snapshotOf(set: StoredAliasSet): AliasSetSnapshot {
  return {
    team: set.team,
    name: set.name,
    description: set.description,
    shared: set.shared,
    entries: normalizeEntries(set.entries),
    includes: [...set.includes],
    version: set.version,
  };
}
