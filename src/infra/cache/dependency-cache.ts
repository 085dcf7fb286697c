/**
 * A bounded in-memory cache whose entries name the alias sets (`team/name`) they were built from.
 * A change to one of those sets evicts them; `generation` lets a writer of a slow computation
 * refuse to store a result that a change overtook while it was being computed.
 */
export class DependencyCache<V> {
  private readonly entries = new Map<string, { value: V; deps: string[] }>();
  private readonly keysByDep = new Map<string, Set<string>>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V, deps: Iterable<string>): void {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) this.clear();
    const unique = [...new Set(deps)];
    this.entries.set(key, { value, deps: unique });
    for (const dep of unique) {
      let keys = this.keysByDep.get(dep);
      if (!keys) this.keysByDep.set(dep, (keys = new Set()));
      keys.add(key);
    }
  }

  evict(dep: string): void {
    for (const key of this.keysByDep.get(dep) ?? []) {
      const entry = this.entries.get(key);
      this.entries.delete(key);
      for (const other of entry?.deps ?? []) this.keysByDep.get(other)?.delete(key);
    }
    this.keysByDep.delete(dep);
  }

  clear(): void {
    this.entries.clear();
    this.keysByDep.clear();
  }
}
