import { Lru } from '../../domain/lru';

/**
 * A bounded in-memory cache whose entries name the alias sets (`team/name`) they were built from.
 * A change to one of those sets evicts them; beyond its capacity the least recently used go.
 */
export class DependencyCache<V> {
  private readonly entries: Lru<{ value: V; deps: string[] }>;
  private readonly keysByDep = new Map<string, Set<string>>();

  constructor(capacity: number) {
    this.entries = new Lru(capacity, undefined, (key, entry) => {
      for (const dep of entry.deps) this.keysByDep.get(dep)?.delete(key);
    });
  }

  get(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, value: V, deps: Iterable<string>): void {
    const unique = [...new Set(deps)];
    this.entries.set(key, { value, deps: unique });
    for (const dep of unique) {
      let keys = this.keysByDep.get(dep);
      if (!keys) this.keysByDep.set(dep, (keys = new Set()));
      keys.add(key);
    }
  }

  evict(dep: string): void {
    for (const key of [...(this.keysByDep.get(dep) ?? [])]) this.entries.delete(key);
    this.keysByDep.delete(dep);
  }

  clear(): void {
    this.entries.clear();
    this.keysByDep.clear();
  }
}
