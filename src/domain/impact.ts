import { CompiledAliasSet, type SetCompiler, SymbolTable } from './compiled-alias-set';
import type { Dependent } from './dependents';
import { DomainError, DomainErrorCode } from './errors';
import type { AliasSetSnapshot, HostAlias } from './host-alias';
import { sameIp } from './ip';
import { type HostnameConflict, type ResolutionReport, reportResolution } from './resolve';

export interface HostnameMapping {
  hostname: string;
  ip: string;
}

export interface HostnameChange {
  hostname: string;
  from: string;
  to: string;
}

/** How one set's resolution changes in one cluster. */
export interface ClusterImpact {
  /** null: no cluster, which is also every cluster that no entry involved names. */
  cluster: string | null;
  added: HostnameMapping[];
  removed: HostnameMapping[];
  changed: HostnameChange[];
  /** Conflicts the change creates (policy `error` would refuse them); existing ones are not repeated. */
  conflicts: HostnameConflict[];
}

export interface SetImpact {
  set: string;
  /** `[set]` for the changed set; for a dependent, its include path down to the changed set. */
  path: string[];
  /** Only the clusters where the resolution changes: empty when nothing does. */
  clusters: ClusterImpact[];
}

export interface Impact {
  /** The changed set first, then its dependents as given. */
  sets: SetImpact[];
  /** Dependents whose resolution the caller may not see: counted, not named. */
  hidden: number;
}

export interface ImpactInput<S extends AliasSetSnapshot> {
  /** The set being changed, `team/name`. */
  changed: string;
  /** Its content as the change would leave it; undefined when the change deletes it. */
  after: S | undefined;
  /** The sets that include it, with their include paths (see `findDependents`). */
  dependents: readonly Dependent[];
  /**
   * Every set the changed set and its dependents reach, as it is now; undefined when missing or
   * not readable by the caller (resolution's rule).
   */
  getSet: (ref: string) => S | undefined;
}

/**
 * SPEC 9: what a change does to the resolution of the changed set and of every set including it,
 * per cluster: hostnames added, removed and moved to another IP, and conflicts it creates. Every
 * resolution runs on sets compiled once for the whole computation, against a symbol table of its
 * own, so the would-be set never reaches a cache shared with real resolutions.
 */
export function computeImpact<S extends AliasSetSnapshot>(input: ImpactInput<S>): Impact {
  const compiler = new OnceCompiler<S>();
  const before = input.getSet;
  const after = (ref: string): S | undefined => (ref === input.changed ? input.after : before(ref));
  const resolveWith = (getSet: (ref: string) => S | undefined, ref: string, cluster?: string) =>
    // The changed set before it exists, or after it is deleted, resolves to nothing.
    ref === input.changed && getSet(ref) === undefined
      ? EMPTY
      : readableOrNull(() => reportResolution({ refs: [ref], cluster, getSet, compiler }));
  const targets = [{ set: input.changed, path: [input.changed] }, ...input.dependents];
  const sets: SetImpact[] = [];
  let hidden = 0;
  for (const target of targets) {
    const old = resolveWith(before, target.set);
    const next = resolveWith(after, target.set);
    if (old === null || next === null) {
      hidden++;
      continue;
    }
    const clusters: ClusterImpact[] = [];
    const named = [...clustersNamed(old.sets, before), ...clustersNamed(next.sets, after)];
    for (const cluster of [undefined, ...[...new Set(named)].sort(compare)]) {
      const impact =
        cluster === undefined
          ? compareResolutions(null, old, next)
          : compareResolutions(
              cluster,
              resolveWith(before, target.set, cluster) ?? old,
              resolveWith(after, target.set, cluster) ?? next,
            );
      if (impact !== null) clusters.push(impact);
    }
    sets.push({ set: target.set, path: [...target.path], clusters });
  }
  return { sets, hidden };
}

const EMPTY: ResolutionReport = {
  hostAliases: [],
  overridden: [],
  conflicts: [],
  sets: [],
  versions: [],
};

/** null when the resolution reaches a set the caller may not read (or that does not exist). */
function readableOrNull(resolve: () => ResolutionReport): ResolutionReport | null {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof DomainError && error.code === DomainErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

function clustersNamed<S extends AliasSetSnapshot>(
  refs: string[],
  getSet: (ref: string) => S | undefined,
): string[] {
  return refs.flatMap((ref) => getSet(ref)?.entries.flatMap((entry) => entry.clusters ?? []) ?? []);
}

function compareResolutions(
  cluster: string | null,
  before: ResolutionReport,
  after: ResolutionReport,
): ClusterImpact | null {
  const old = byHostname(before.hostAliases);
  const next = byHostname(after.hostAliases);
  const added: HostnameMapping[] = [];
  const removed: HostnameMapping[] = [];
  const changed: HostnameChange[] = [];
  for (const [hostname, ip] of old) {
    const to = next.get(hostname);
    if (to === undefined) removed.push({ hostname, ip });
    else if (!sameIp(ip, to)) changed.push({ hostname, from: ip, to });
  }
  for (const [hostname, ip] of next) if (!old.has(hostname)) added.push({ hostname, ip });
  const existing = new Set(before.conflicts.map(conflictKey));
  const conflicts = after.conflicts.filter((conflict) => !existing.has(conflictKey(conflict)));
  if (added.length + removed.length + changed.length + conflicts.length === 0) return null;
  const sorted = <T extends { hostname: string }>(items: T[]) =>
    items.sort((a, b) => compare(a.hostname, b.hostname));
  return {
    cluster,
    added: sorted(added),
    removed: sorted(removed),
    changed: sorted(changed),
    conflicts: sorted(conflicts),
  };
}

/** Resolution output names each hostname once. */
function byHostname(aliases: readonly HostAlias[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const alias of aliases) for (const hostname of alias.hostnames) map.set(hostname, alias.ip);
  return map;
}

function conflictKey(conflict: HostnameConflict): string {
  const sources = conflict.sources.map((source) => `${source.ip}@${source.from}`).sort(compare);
  return [conflict.hostname, ...sources].join('\0');
}

/** Each set object compiled once for the whole impact, against one table of its own. */
class OnceCompiler<S extends AliasSetSnapshot> implements SetCompiler<S> {
  private readonly table = new SymbolTable();
  private readonly compiled = new Map<S, CompiledAliasSet>();

  compileAll(sets: readonly S[]): CompiledAliasSet[] {
    return sets.map((set) => {
      let compiled = this.compiled.get(set);
      if (compiled === undefined) {
        compiled = new CompiledAliasSet(this.table, set);
        this.compiled.set(set, compiled);
      }
      return compiled;
    });
  }
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
