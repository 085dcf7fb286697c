import { Injectable } from '@nestjs/common';

import type { StoredAliasSet } from '../alias-sets/alias-set';
import { AliasSetsRepository } from '../alias-sets/alias-sets.repository';
import { ChangeFeed } from '../infra/database/change-feed';

interface Entry {
  closure: Map<string, StoredAliasSet>;
  deps: string[];
}

const CAPACITY = 10_000;

/**
 * Closures of requested sets (the sets and everything they include), kept in memory so the render
 * hot path needs no SQL. Every committed change to a set, from any replica, evicts the closures
 * that requested or reached it; while the change feed is down nothing is served from memory.
 */
@Injectable()
export class ClosureCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByRef = new Map<string, Set<string>>();
  /** Bumped on every eviction: a load that raced a change is not stored. */
  private generation = 0;

  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly feed: ChangeFeed,
  ) {
    feed.onChange((ref) => this.evict(ref));
    feed.onReset(() => this.clear());
  }

  async load(refs: string[]): Promise<Map<string, StoredAliasSet>> {
    if (!this.feed.live) return this.sets.loadClosure(refs);
    const key = refs.join(',');
    const hit = this.entries.get(key);
    if (hit) return hit.closure;
    const generation = this.generation;
    const closure = await this.sets.loadClosure(refs);
    if (generation === this.generation && this.feed.live) this.store(key, refs, closure);
    return closure;
  }

  private store(key: string, refs: string[], closure: Map<string, StoredAliasSet>): void {
    if (this.entries.size >= CAPACITY) this.clear();
    // A requested ref that does not exist yet is a dependency too: creating it must evict.
    const deps = [...new Set([...refs, ...closure.keys()])];
    this.entries.set(key, { closure, deps });
    for (const ref of deps) {
      let keys = this.keysByRef.get(ref);
      if (!keys) this.keysByRef.set(ref, (keys = new Set()));
      keys.add(key);
    }
  }

  private evict(ref: string): void {
    this.generation++;
    for (const key of this.keysByRef.get(ref) ?? []) {
      const entry = this.entries.get(key);
      this.entries.delete(key);
      for (const dep of entry?.deps ?? []) this.keysByRef.get(dep)?.delete(key);
    }
    this.keysByRef.delete(ref);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.keysByRef.clear();
  }
}
