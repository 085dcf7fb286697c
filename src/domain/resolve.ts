import { DomainError } from './errors';
import type { AliasEntry, AliasSetSnapshot, HostAlias } from './host-alias';
import { walkIncludeClosure } from './include-closure';
import { parseIpSloppy } from './ip';

export type ConflictPolicy = 'error' | 'first';

export interface ResolveInput {
  /** Requested order, `team/name`. */
  refs: string[];
  /** Optional cluster name; its existence is checked by the caller. */
  cluster?: string;
  /** Default `error`. */
  onConflict?: ConflictPolicy;
  /** Returns the set, or undefined if missing OR not readable by the caller (both: NOT_FOUND). */
  getSet: (ref: string) => AliasSetSnapshot | undefined;
}

export interface HostnameConflict {
  hostname: string;
  /** Every distinct IP (by value) claiming the hostname, in closure order; `from` is `team/name`. */
  sources: { ip: string; from: string }[];
}

export interface Overridden {
  hostname: string;
  ip: string;
  from: string;
  keptIp: string;
  keptFrom: string;
}

export interface Resolution {
  hostAliases: HostAlias[];
  overridden: Overridden[];
  /** The closure order actually used. */
  sets: string[];
}

/** One per IP spelling; spellings of the same address share `key` and, once used, `group`. */
interface IpSlot {
  ip: string;
  key: string;
  group?: HostAlias;
}

interface Claim {
  slot: IpSlot;
  from: string;
  /** Set once another IP claims the same hostname. */
  conflict?: { report: HostnameConflict; keys: Set<string> };
}

/** The sets `refs` stand for with their includes, in the order resolution uses them. */
export function expandIncludes(
  refs: string[],
  getSet: (ref: string) => AliasSetSnapshot | undefined,
): string[] {
  return walkIncludeClosure(refs, getSet).map((item) => item.ref);
}

/**
 * SPEC section 3: one canonical hostAliases list from ordered set references and a cluster. Linear
 * in the number of hostnames: hundreds of thousands of entries are routine.
 */
export function resolveAliasSets(input: ResolveInput): Resolution {
  const closure = walkIncludeClosure(input.refs, input.getSet);
  // Under `first` the conflict report is never shown: do not build it.
  const reportConflicts = (input.onConflict ?? 'error') === 'error';
  const addresses = new AddressBook();
  const winners = new Map<string, Claim>();
  const conflicts: HostnameConflict[] = [];
  const overridden: Overridden[] = [];

  for (const { ref, set } of closure) {
    forEachApplicableEntry(set, input.cluster, (entry, overriddenInSet) => {
      const slot = addresses.slot(entry.ip);
      for (const hostname of entry.hostnames) {
        if (overriddenInSet?.has(hostname)) continue;
        const winner = winners.get(hostname);
        if (winner === undefined) {
          winners.set(hostname, { slot, from: ref });
          addresses.addHostname(slot, hostname);
        } else if (winner.slot.key !== slot.key) {
          if (reportConflicts) noteConflict(winner, hostname, { slot, from: ref }, conflicts);
          const kept = { keptIp: winner.slot.ip, keptFrom: winner.from };
          overridden.push({ hostname, ip: entry.ip, from: ref, ...kept });
        }
      }
    });
  }

  if (reportConflicts && conflicts.length > 0) {
    throw conflictError(conflicts);
  }
  return { hostAliases: addresses.groups, overridden, sets: closure.map((item) => item.ref) };
}

/**
 * Calls `visit` for each entry of the set that applies to `cluster`, in order. For unscoped
 * entries it passes the hostnames the set's cluster-scoped entries override (SPEC 3, rule 3).
 */
function forEachApplicableEntry(
  set: AliasSetSnapshot,
  cluster: string | undefined,
  visit: (entry: AliasEntry, overriddenInSet: Set<string> | undefined) => void,
): void {
  const inCluster = (entry: AliasEntry) =>
    cluster !== undefined && entry.clusters !== undefined && entry.clusters.includes(cluster);
  let scopedNames: Set<string> | undefined;
  for (const entry of set.entries) {
    if (isScoped(entry) && inCluster(entry)) {
      scopedNames ??= new Set();
      for (const hostname of entry.hostnames) scopedNames.add(hostname);
    }
  }
  for (const entry of set.entries) {
    if (!isScoped(entry)) visit(entry, scopedNames);
    else if (inCluster(entry)) visit(entry, undefined);
  }
}

function isScoped(entry: AliasEntry): boolean {
  return entry.clusters !== undefined && entry.clusters.length > 0;
}

/**
 * Parses each IP spelling once per call and builds the output: one alias per address (by value),
 * written with the first spelling that got a hostname, in order of first appearance.
 */
class AddressBook {
  readonly groups: HostAlias[] = [];
  private readonly bySpelling = new Map<string, IpSlot>();
  private readonly byKey = new Map<string, HostAlias>();

  slot(ip: string): IpSlot {
    let slot = this.bySpelling.get(ip);
    if (slot === undefined) {
      // Stored data is validated; an unparsable IP still only equals its own spelling.
      slot = { ip, key: parseIpSloppy(ip) ?? `?:${ip}` };
      this.bySpelling.set(ip, slot);
    }
    return slot;
  }

  addHostname(slot: IpSlot, hostname: string): void {
    if (slot.group === undefined) {
      slot.group = this.byKey.get(slot.key);
      if (slot.group === undefined) {
        slot.group = { ip: slot.ip, hostnames: [] };
        this.byKey.set(slot.key, slot.group);
        this.groups.push(slot.group);
      }
    }
    slot.group.hostnames.push(hostname);
  }
}

/** Adds the claim to the hostname's conflict report, once per distinct address. */
function noteConflict(
  winner: Claim,
  hostname: string,
  claim: Claim,
  conflicts: HostnameConflict[],
): void {
  if (winner.conflict === undefined) {
    const report = { hostname, sources: [{ ip: winner.slot.ip, from: winner.from }] };
    winner.conflict = { report, keys: new Set([winner.slot.key]) };
    conflicts.push(report);
  }
  if (!winner.conflict.keys.has(claim.slot.key)) {
    winner.conflict.keys.add(claim.slot.key);
    winner.conflict.report.sources.push({ ip: claim.slot.ip, from: claim.from });
  }
}

const CONFLICTS_IN_MESSAGE = 10;

function conflictError(conflicts: HostnameConflict[]): DomainError {
  const described = conflicts.slice(0, CONFLICTS_IN_MESSAGE).map((conflict) => {
    const sources = conflict.sources.map((source) => `${source.ip} (${source.from})`);
    return `"${conflict.hostname}" is ${sources.join(' vs ')}`;
  });
  const more = conflicts.length - described.length;
  const suffix = more > 0 ? `; and ${more} more` : '';
  return DomainError.conflict(`conflicting hostAliases: ${described.join('; ')}${suffix}`, {
    conflicts,
  });
}
