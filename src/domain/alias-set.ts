import { normalizeExpiresAt } from './expiry';
import type { AliasEntry, AliasSetContent, AliasSetSnapshot } from './host-alias';

/** What clients send as a set's content (REST body or GraphQL input): defaults left out. */
export type AliasSetBody = Pick<AliasSetContent, 'entries'> & Partial<AliasSetContent>;

/**
 * Entries as clients see them: `clusters` only when the entry is scoped, `expiresAt` only when it
 * expires, in one spelling (UTC, milliseconds), so equal instants are equal content. A null
 * `expiresAt` (as a database row has it) is no expiry.
 */
export function normalizeEntries(
  entries: readonly (Omit<AliasEntry, 'expiresAt'> & { expiresAt?: string | null })[],
): AliasEntry[] {
  return entries.map((entry) => {
    const normalized: AliasEntry = { ip: entry.ip, hostnames: [...entry.hostnames] };
    if (entry.clusters && entry.clusters.length > 0) normalized.clusters = [...entry.clusters];
    const expiresAt = normalizeExpiresAt(entry.expiresAt ?? undefined);
    if (expiresAt !== undefined) normalized.expiresAt = expiresAt;
    return normalized;
  });
}

/** The content a body asks for, defaults filled in and entries normalized. */
export function contentOf(body: AliasSetBody): AliasSetContent {
  return {
    description: body.description ?? '',
    shared: body.shared ?? false,
    entries: normalizeEntries(body.entries),
    includes: [...(body.includes ?? [])],
  };
}

/**
 * Same content once both are normalized (contentOf), so a write would change nothing (and must
 * create no version). Compared field by field: normalizing and stringifying both was 2 % of a
 * write's CPU.
 */
export function sameContent(a: AliasSetContent, b: AliasSetContent): boolean {
  return (
    a.description === b.description &&
    a.shared === b.shared &&
    sameStrings(a.includes, b.includes) &&
    a.entries.length === b.entries.length &&
    a.entries.every((entry, i) => sameEntry(entry, b.entries[i]))
  );
}

function sameEntry(a: AliasEntry, b: AliasEntry): boolean {
  return (
    a.ip === b.ip &&
    sameStrings(a.hostnames, b.hostnames) &&
    sameStrings(a.clusters ?? [], b.clusters ?? []) &&
    normalizeExpiresAt(a.expiresAt) === normalizeExpiresAt(b.expiresAt)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Exactly the snapshot fields of `set` (a stored set carries more), content normalized. */
export function snapshotOf(set: AliasSetSnapshot): AliasSetSnapshot {
  return { team: set.team, name: set.name, ...contentOf(set), version: set.version };
}
