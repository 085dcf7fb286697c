import { type CompiledAliasSet, compileOnce, type SetCompiler } from './compiled-alias-set';
import { DomainError } from './errors';
import type { AliasSetSnapshot, HostAlias } from './host-alias';
import { walkIncludeClosure } from './include-closure';

export type ConflictPolicy = 'error' | 'first';

export interface ResolveInput<S extends AliasSetSnapshot = AliasSetSnapshot> {
  /** Requested order, `team/name`. */
  refs: string[];
  /** Optional cluster name; its existence is checked by the caller. */
  cluster?: string;
  /** Default `error`. */
  onConflict?: ConflictPolicy;
  /** Returns the set, or undefined if missing OR not readable by the caller (both: NOT_FOUND). */
  getSet: (ref: string) => S | undefined;
  /** Keeps compiled sets between calls (an AliasSetCompiler); default: compiled for this call. */
  compiler?: SetCompiler<S>;
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
  /** The version of each set in `sets`, in the same order. */
  versions: number[];
}

/** The requested sets and everything they include, in the order resolution uses them. */
export function expandIncludes(
  refs: string[],
  getSet: (ref: string) => AliasSetSnapshot | undefined,
): string[] {
  return walkIncludeClosure(refs, getSet).map((item) => item.ref);
}

/**
 * SPEC section 3: one canonical hostAliases list from ordered set references and a cluster.
 * Linear in the number of hostnames, and cheap per hostname: sets are compiled to numbered
 * hostnames and addresses (once per version when `compiler` keeps them), so combining them is
 * integer comparisons in typed arrays, and an entry that wins whole is returned as compiled.
 */
export function resolveAliasSets<S extends AliasSetSnapshot>(input: ResolveInput<S>): Resolution {
  // Under `first` the conflict report is never shown: do not build it.
  const { conflicts, ...resolution } = run(input, (input.onConflict ?? 'error') === 'error');
  if (conflicts.length > 0) throw conflictError(conflicts);
  return resolution;
}

export interface ResolutionReport extends Resolution {
  /** What policy `error` would refuse; `hostAliases` are then what policy `first` gives. */
  conflicts: HostnameConflict[];
}

/** Resolution that reports conflicts instead of refusing them: to compare two states of sets. */
export function reportResolution<S extends AliasSetSnapshot>(
  input: Omit<ResolveInput<S>, 'onConflict'>,
): ResolutionReport {
  return run(input, true);
}

function run<S extends AliasSetSnapshot>(
  input: ResolveInput<S>,
  reportConflicts: boolean,
): ResolutionReport {
  const closure = walkIncludeClosure(input.refs, input.getSet);
  const compiler: SetCompiler<S> = input.compiler ?? compileOnce;
  const sets = compiler.compileAll(closure.map((item) => item.set));
  const refs = closure.map((item) => item.ref);
  const merged = merge(sets, refs, input.cluster, reportConflicts);
  const versions = closure.map((item) => item.set.version);
  return { ...merged, sets: refs, versions };
}

/** An output line being built. */
interface Line {
  ip: string;
  hostnames: string[];
}

interface Merged {
  hostAliases: HostAlias[];
  overridden: Overridden[];
  conflicts: HostnameConflict[];
}

/**
 * Walks the sets in closure order. The first address to claim a hostname keeps it; a later claim
 * by another address is a conflict (policy error) or an override (policy first). Output: one
 * alias per address, written with the first spelling that got a hostname, in order of first
 * appearance.
 */
function merge(
  sets: CompiledAliasSet[],
  refs: string[],
  cluster: string | undefined,
  reportConflicts: boolean,
): Merged {
  if (sets.length === 0) return { hostAliases: [], overridden: [], conflicts: [] };
  const { table } = sets[0];
  const stamp = table.scratch.begin(table);
  const { claimStamp, claimAddress, claimSet, claimEntry, groupStamp, groupIndex } = table.scratch;
  // At most one line per address: sized once, as growing a long array push by push is slow.
  let bound = 0;
  for (const set of sets) bound += set.view(cluster).entries.length;
  const groups = new Array<HostAlias>(Math.min(bound, table.addressCount));
  let lines = 0;
  /** The lines made here rather than shared with a compiled set; `groupIndex` is >= 0 for them. */
  const built: Line[] = [];
  const merged: Merged = { hostAliases: groups, overridden: [], conflicts: [] };
  const names = table.hostnames;
  const reports = new Map<number, { report: HostnameConflict; addresses: Set<number> }>();
  const won: number[] = [];

  /** Hostname `h` of entry `e` of set `s` lost to an earlier claim by another address. */
  const lose = (h: number, s: number, e: number): void => {
    const keptSet = claimSet[h];
    const keptIp = sets[keptSet].aliases[claimEntry[h]].ip;
    const ip = sets[s].aliases[e].ip;
    if (!reportConflicts) {
      const kept = { keptIp, keptFrom: refs[keptSet] };
      merged.overridden.push({ hostname: names[h], ip, from: refs[s], ...kept });
      return;
    }
    let conflict = reports.get(h);
    if (conflict === undefined) {
      const report = { hostname: names[h], sources: [{ ip: keptIp, from: refs[keptSet] }] };
      conflict = { report, addresses: new Set([claimAddress[h]]) };
      reports.set(h, conflict);
      merged.conflicts.push(report);
    }
    const address = sets[s].addressIds[e];
    if (!conflict.addresses.has(address)) {
      conflict.addresses.add(address);
      conflict.report.sources.push({ ip, from: refs[s] });
    }
  };

  for (let s = 0; s < sets.length; s++) {
    const { aliases, addressIds, offsets, hostnameIds } = sets[s];
    const { entries, skip } = sets[s].view(cluster);
    for (let v = 0; v < entries.length; v++) {
      const e = entries[v];
      const address = addressIds[e];
      const start = offsets[e];
      const end = offsets[e + 1];
      let wins = 0;
      for (let p = start; p < end; p++) {
        if (skip !== undefined && skip[p] === 1) continue;
        const h = hostnameIds[p];
        if (claimStamp[h] !== stamp) {
          claimStamp[h] = stamp;
          claimAddress[h] = address;
          claimSet[h] = s;
          claimEntry[h] = e;
          won[wins++] = h;
        } else if (claimAddress[h] !== address) {
          lose(h, s, e);
        }
      }
      if (wins === 0) continue;
      let line: Line;
      if (groupStamp[address] !== stamp) {
        groupStamp[address] = stamp;
        const position = lines++;
        if (wins === end - start) {
          // The whole entry won: its compiled alias is the line, shared, marked by ~position.
          groupIndex[address] = ~position;
          groups[position] = aliases[e];
          continue;
        }
        line = { ip: aliases[e].ip, hostnames: [] };
        groups[position] = line;
        groupIndex[address] = built.push(line) - 1;
      } else if (groupIndex[address] < 0) {
        // More hostnames for a shared line: copy it first.
        const position = ~groupIndex[address];
        line = { ip: groups[position].ip, hostnames: [...groups[position].hostnames] };
        groups[position] = line;
        groupIndex[address] = built.push(line) - 1;
      } else {
        line = built[groupIndex[address]];
      }
      for (let w = 0; w < wins; w++) line.hostnames.push(names[won[w]]);
    }
  }
  groups.length = lines;
  return merged;
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
