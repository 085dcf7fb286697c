import { Injectable } from '@nestjs/common';

import type { StoredAliasSet } from '../alias-sets/alias-set';
import { AliasSetsRepository } from '../alias-sets/alias-sets.repository';
import { DependencyCache } from '../infra/cache/dependency-cache';
import { ChangeFeed } from '../infra/database/change-feed';

/**
 * Closures of requested sets (the sets and everything they include), kept in memory so the render
 * hot path needs no SQL. Every committed change to a set, from any replica, evicts the closures
 * that requested or reached it; while the change feed is down nothing is served from memory.
 */
@Injectable()
export class ClosureCache {
  private readonly cache = new DependencyCache<Map<string, StoredAliasSet>>(10_000);

  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly feed: ChangeFeed,
  ) {
    feed.onChange((ref) => this.cache.evict(ref));
    feed.onReset(() => this.cache.clear());
  }

  async load(refs: string[]): Promise<Map<string, StoredAliasSet>> {
    if (!this.feed.live) return this.sets.loadClosure(refs);
    const key = refs.join(',');
    const hit = this.cache.get(key);
    if (hit) return hit;
    const generation = this.feed.generation;
    const closure = await this.sets.loadClosure(refs);
    // A requested ref that does not exist yet is a dependency too: creating it must evict.
    if (generation === this.feed.generation && this.feed.live) {
      this.cache.set(key, closure, [...refs, ...closure.keys()]);
    }
    return closure;
  }
}
