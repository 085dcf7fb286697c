/**
 * A bounded LRU of rendered outputs. Keys include the version of every set in the closure, so an
 * entry can never be stale: a change makes a new key, and old keys simply age out.
 */
export class RenderCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity = 5000) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Refresh recency: Map iteration order is insertion order.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
