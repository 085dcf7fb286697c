/**
 * A least-recently-used map bounded by total weight (by default, one per entry): the one LRU of
 * the service, for compiled sets (weighed by entries) and rendered bytes. `onEvict` hears of
 * every entry that leaves, whether pushed out, deleted or cleared.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();
  private total = 0;
  /** The most recently used key: getting it again needs no re-insertion (the hot path's case). */
  private newest?: string;

  constructor(
    private readonly limit: number,
    private readonly weigh: (value: V) => number = () => 1,
    private readonly onEvict: (key: string, value: V) => void = () => {},
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The sum of the weights kept. */
  get weight(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined || key === this.newest) return value;
    // Map order is insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    return value;
  }

  /** Keeps `value`, then drops the least recently used entries while over the limit. */
  set(key: string, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    this.total += this.weigh(value);
    for (const [oldest, kept] of this.entries) {
      if (this.total <= this.limit || oldest === key) return;
      this.remove(oldest, kept);
    }
  }

  delete(key: string): void {
    const value = this.entries.get(key);
    if (value !== undefined) this.remove(key, value);
  }

  clear(): void {
    for (const [key, value] of [...this.entries]) this.remove(key, value);
  }

  private remove(key: string, value: V): void {
    this.entries.delete(key);
    if (key === this.newest) this.newest = undefined;
    this.total -= this.weigh(value);
    this.onEvict(key, value);
  }
}
