import type { AliasSetSnapshot } from './host-alias';
import { parseIpSloppy } from './ip';

export interface DiffItem {
  hostname: string;
  /** [] = unscoped; otherwise exactly one cluster. */
  clusters: string[];
  ip: string;
  /** Present when the entry expires. */
  expiresAt?: string;
}

/** Another IP, or the same IP with another expiry (each side's expiry present when it has one). */
export interface ChangedItem {
  hostname: string;
  clusters: string[];
  from: string;
  to: string;
  fromExpiresAt?: string;
  toExpiresAt?: string;
}

export interface MetadataChange {
  field: 'description' | 'shared' | 'includes';
  from: unknown;
  to: unknown;
}

export interface RevisionDiff {
  from: number;
  to: number;
  added: DiffItem[];
  removed: DiffItem[];
  changed: ChangedItem[];
  metadata: MetadataChange[];
}

interface Mapping {
  hostname: string;
  cluster: string;
  ip: string;
  expiresAt?: string;
}

/**
 * What changed between two versions of a set, per (hostname, scope). A multi-cluster entry counts
 * once per cluster, so moving a hostname from [a, b] to [a] reads as "removed in b". IPs compare by
 * value: respelling `10.1.2.3` as `010.1.2.3` is no change.
 */
export function diffSnapshots(from: AliasSetSnapshot, to: AliasSetSnapshot): RevisionDiff {
  const before = mappings(from);
  const after = mappings(to);
  const added: DiffItem[] = [];
  const removed: DiffItem[] = [];
  const changed: ChangedItem[] = [];
  for (const [key, old] of before) {
    const current = after.get(key);
    if (current === undefined) removed.push(item(old));
    else if (!sameAddress(old.ip, current.ip) || old.expiresAt !== current.expiresAt) {
      changed.push({
        ...scopeOf(old),
        from: old.ip,
        to: current.ip,
        ...(old.expiresAt !== undefined && { fromExpiresAt: old.expiresAt }),
        ...(current.expiresAt !== undefined && { toExpiresAt: current.expiresAt }),
      });
    }
  }
  for (const [key, current] of after) {
    if (!before.has(key)) added.push(item(current));
  }
  return {
    from: from.version,
    to: to.version,
    added: added.sort(byHostnameThenScope),
    removed: removed.sort(byHostnameThenScope),
    changed: changed.sort(byHostnameThenScope),
    metadata: metadataChanges(from, to),
  };
}

function mappings(snapshot: AliasSetSnapshot): Map<string, Mapping> {
  const result = new Map<string, Mapping>();
  for (const entry of snapshot.entries) {
    const clusters = entry.clusters && entry.clusters.length > 0 ? entry.clusters : [''];
    for (const cluster of clusters) {
      for (const hostname of entry.hostnames) {
        const key = `${cluster}\0${hostname}`;
        // Valid sets map a hostname once per scope; should stored data disagree, the first wins.
        if (!result.has(key)) {
          result.set(key, { hostname, cluster, ip: entry.ip, expiresAt: entry.expiresAt });
        }
      }
    }
  }
  return result;
}

function sameAddress(a: string, b: string): boolean {
  return a === b || (parseIpSloppy(a) ?? a) === (parseIpSloppy(b) ?? b);
}

function scopeOf(mapping: Mapping): { hostname: string; clusters: string[] } {
  return { hostname: mapping.hostname, clusters: mapping.cluster === '' ? [] : [mapping.cluster] };
}

function item(mapping: Mapping): DiffItem {
  const { expiresAt } = mapping;
  return { ...scopeOf(mapping), ip: mapping.ip, ...(expiresAt !== undefined && { expiresAt }) };
}

function byHostnameThenScope(
  a: { hostname: string; clusters: string[] },
  b: { hostname: string; clusters: string[] },
): number {
  return compare(a.hostname, b.hostname) || compare(a.clusters[0] ?? '', b.clusters[0] ?? '');
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function metadataChanges(from: AliasSetSnapshot, to: AliasSetSnapshot): MetadataChange[] {
  const changes: MetadataChange[] = [];
  if (from.description !== to.description) {
    changes.push({ field: 'description', from: from.description, to: to.description });
  }
  if (from.shared !== to.shared)
    changes.push({ field: 'shared', from: from.shared, to: to.shared });
  const sameIncludes =
    from.includes.length === to.includes.length &&
    from.includes.every((ref, i) => ref === to.includes[i]);
  if (!sameIncludes) changes.push({ field: 'includes', from: from.includes, to: to.includes });
  return changes;
}
