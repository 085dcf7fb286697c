import { Injectable } from '@nestjs/common';

import type { Actor } from '../auth/actor';
import { DependencyCache } from '../infra/cache/dependency-cache';
import { ChangeFeed } from '../infra/database/change-feed';
import type { Rendered, RenderResult } from './render.service';

/**
 * Render responses by exact URL and reader scope, so a repeated GET (what pipelines do on every
 * deploy) is answered before any framework code runs. Entries are evicted by the change feed like
 * every other cache of sets; nothing is served while the feed is down.
 */
@Injectable()
export class RenderResponseCache {
  private readonly cache = new DependencyCache<Rendered>(20_000);

  constructor(private readonly feed: ChangeFeed) {
    feed.onChange((ref) => this.cache.evict(ref));
    feed.onReset(() => this.cache.clear());
  }

  lookup(actor: Actor, url: string): Rendered | undefined {
    return this.feed.live ? this.cache.get(keyOf(actor, url)) : undefined;
  }

  remember(actor: Actor, url: string, result: RenderResult): void {
    // A change committed while this was rendered would make the entry stale: drop it instead.
    if (!this.feed.live || result.generation !== this.feed.generation) return;
    const { body, contentType, etag } = result;
    this.cache.set(keyOf(actor, url), { body, contentType, etag }, result.deps);
  }
}

/** What a caller may read depends only on its team (or on being the super-user). */
function keyOf(actor: Actor, url: string): string {
  return `${actor.kind === 'admin' ? '*' : actor.teamSlug} ${url}`;
}
