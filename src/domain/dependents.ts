/** `includer` includes `included` (both `team/name`). */
export interface IncludeEdge {
  includer: string;
  included: string;
}

/** A set that includes the root, directly or through other sets. */
export interface Dependent {
  set: string;
  /** From the dependent down to the root: `[set, ..., root]`, each item including the next. */
  path: string[];
}

/** A dependent as one caller may see it. */
export interface VisibleDependent {
  set: string;
  /** As `Dependent.path`, with `null` in place of every set the caller may not read. */
  path: (string | null)[];
}

export interface VisibleDependents {
  items: VisibleDependent[];
  /** Dependents the caller may not read: counted, never named. */
  hidden: number;
}

/**
 * Every set that includes `root` transitively, each with one shortest include path (breadth
 * first; among equally short paths the one through the alphabetically first sets). Sorted by
 * path length, then name. `edges` may hold more of the include graph than is reachable; a cycle
 * (which writes refuse) ends where it returns to a set already seen.
 */
export function findDependents(root: string, edges: readonly IncludeEdge[]): Dependent[] {
  const includers = new Map<string, string[]>();
  for (const { includer, included } of edges) {
    const list = includers.get(included);
    if (list === undefined) includers.set(included, [includer]);
    else if (!list.includes(includer)) list.push(includer);
  }
  const towardRoot = new Map<string, string>();
  const found: Dependent[] = [];
  let level = [root];
  const seen = new Set(level);
  while (level.length > 0) {
    const next: string[] = [];
    for (const set of level) {
      for (const includer of [...(includers.get(set) ?? [])].sort(compare)) {
        if (seen.has(includer)) continue;
        seen.add(includer);
        towardRoot.set(includer, set);
        next.push(includer);
      }
    }
    for (const set of next.sort(compare)) found.push({ set, path: pathOf(set, root, towardRoot) });
    level = next;
  }
  return found;
}

/** Names only what `canRead` allows; the rest is counted, and blanked in the paths of others. */
export function visibleDependents(
  dependents: readonly Dependent[],
  canRead: (set: string) => boolean,
): VisibleDependents {
  const items: VisibleDependent[] = [];
  for (const dependent of dependents) {
    if (!canRead(dependent.set)) continue;
    items.push({
      set: dependent.set,
      path: dependent.path.map((set) => (canRead(set) ? set : null)),
    });
  }
  return { items, hidden: dependents.length - items.length };
}

function pathOf(set: string, root: string, towardRoot: Map<string, string>): string[] {
  const path = [set];
  for (let at = set; at !== root;) {
    at = towardRoot.get(at) ?? root;
    path.push(at);
  }
  return path;
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
