import type { HostAlias } from './host-alias';
import { parseIpSloppy } from './ip';

/**
 * The three-way merge of SPEC section 8, the one function every delivery path uses (manifests,
 * converging patches, admission): the registry owns the entries it placed, nothing else.
 */
export interface ManagedMergeInput {
  /** What the object has now (`C`). */
  current: readonly HostAlias[];
  /** The IPs the registry placed last time (`P`, from the `applied` annotation). */
  placed: readonly string[];
  /** What the registry places now (`D`, the resolution), in resolution order. */
  desired: readonly HostAlias[];
}

/** A hand-written entry that claims a hostname the registry maps to another address. */
export interface HandWrittenConflict {
  hostname: string;
  /** The registry's address for the hostname. */
  ip: string;
  /** The hand-written entry's address. */
  handWrittenIp: string;
}

export interface ManagedMerge {
  /** `D` first, then the hand-written entries kept, in their order. */
  hostAliases: HostAlias[];
  /** Indexes into `current` of the hand-written entries kept, in order. */
  kept: number[];
  /** Hand-written entries on an address the registry now places (they give way to it). */
  replaced: HostAlias[];
  /** Entries the registry placed before and no longer places: removed. */
  removed: HostAlias[];
  conflicts: HandWrittenConflict[];
  /** The IPs placed now, as written: the next `applied` annotation's `ips`. */
  placed: string[];
}

/** Equal for equal addresses (`010.1.2.3` = `10.1.2.3`); an invalid IP only equals itself. */
export function ipKey(ip: string): string {
  return parseIpSloppy(ip) ?? `invalid:${ip}`;
}

/**
 * Result = `D`, then every entry of `C` whose IP (by value) is neither in `P` nor in `D`. An entry
 * of `C` on an IP of `D` but not of `P` was written by hand and is replaced (reported); one on an
 * IP of `P` but not of `D` was placed by the registry and is removed. Idempotent: merging the
 * result again with `placed` as `P` gives the same result.
 */
export function managedMerge(input: ManagedMergeInput): ManagedMerge {
  const desiredIps = new Set(input.desired.map((alias) => ipKey(alias.ip)));
  const placedIps = new Set(input.placed.map(ipKey));
  const desiredHostnames = new Map<string, string>();
  for (const alias of input.desired) {
    for (const hostname of alias.hostnames) {
      if (!desiredHostnames.has(hostname)) desiredHostnames.set(hostname, alias.ip);
    }
  }

  const result: ManagedMerge = {
    hostAliases: input.desired.map(copyAlias),
    kept: [],
    replaced: [],
    removed: [],
    conflicts: [],
    placed: input.desired.map((alias) => alias.ip),
  };
  input.current.forEach((alias, index) => {
    const key = ipKey(alias.ip);
    const wasPlaced = placedIps.has(key);
    if (desiredIps.has(key)) {
      if (!wasPlaced) result.replaced.push(copyAlias(alias));
      return;
    }
    if (wasPlaced) {
      result.removed.push(copyAlias(alias));
      return;
    }
    result.kept.push(index);
    result.hostAliases.push(copyAlias(alias));
    for (const hostname of alias.hostnames) {
      const ip = desiredHostnames.get(hostname);
      if (ip !== undefined) result.conflicts.push({ hostname, ip, handWrittenIp: alias.ip });
    }
  });
  return result;
}

/** How far an object is from what the registry places (SPEC 8.1 `check`). */
export interface Drift {
  inSync: boolean;
  /** Entries of `D` the object does not carry as they are. */
  missing: HostAlias[];
  /** Entries the registry placed (IP in `P`) that are not in `D` as they are. */
  stale: HostAlias[];
  replaced: HostAlias[];
  conflicts: HandWrittenConflict[];
}

/**
 * Compares the object with the merge's outcome. In sync means applying would place nothing new,
 * remove nothing and override nothing; the order of entries is not judged (the kubelet writes
 * every line, and a strategic patch keeps its own order).
 */
export function managedDrift(input: ManagedMergeInput): Drift {
  const merged = managedMerge(input);
  const placedIps = new Set(input.placed.map(ipKey));
  const has = (list: readonly HostAlias[], alias: HostAlias): boolean =>
    list.some((other) => sameAlias(other, alias));
  const missing = input.desired.filter((alias) => !has(input.current, alias)).map(copyAlias);
  const stale = input.current
    .filter((alias) => placedIps.has(ipKey(alias.ip)) && !has(input.desired, alias))
    .map(copyAlias);
  const inSync =
    missing.length === 0 &&
    stale.length === 0 &&
    merged.replaced.length === 0 &&
    merged.conflicts.length === 0;
  return { inSync, missing, stale, replaced: merged.replaced, conflicts: merged.conflicts };
}

/** Same address by value and the same hostnames in the same order. */
export function sameAlias(a: HostAlias, b: HostAlias): boolean {
  return (
    ipKey(a.ip) === ipKey(b.ip) &&
    a.hostnames.length === b.hostnames.length &&
    a.hostnames.every((hostname, i) => hostname === b.hostnames[i])
  );
}

/** Byte-for-byte the same list: what decides whether an object needs writing at all. */
export function sameAliasList(a: readonly HostAlias[], b: readonly HostAlias[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (alias, i) =>
        alias.ip === b[i].ip &&
        alias.hostnames.length === b[i].hostnames.length &&
        alias.hostnames.every((hostname, j) => hostname === b[i].hostnames[j]),
    )
  );
}

function copyAlias(alias: HostAlias): HostAlias {
  return { ip: alias.ip, hostnames: [...alias.hostnames] };
}
