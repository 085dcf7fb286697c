import type { AliasEntry, AliasSetSnapshot } from '../../src/domain/host-alias';

/** A shared set at version 1, for domain tests. */
export function snapshot(
  ref: string,
  entries: AliasEntry[],
  includes: string[] = [],
): AliasSetSnapshot {
  const [team, name] = ref.split('/');
  return { team, name, description: '', shared: true, entries, includes, version: 1 };
}

/** A lookup of sets by `team/name`, as resolution takes it. */
export function store(...sets: AliasSetSnapshot[]): (ref: string) => AliasSetSnapshot | undefined {
  const byRef = new Map(sets.map((set) => [`${set.team}/${set.name}`, set]));
  return (ref) => byRef.get(ref);
}
