import { Injectable } from '@nestjs/common';

import type { StoredAliasSet } from '../alias-sets/alias-set';
import { AliasSetsRepository } from '../alias-sets/alias-sets.repository';
import type { Actor } from '../auth/actor';
import { AliasSetCompiler } from '../domain/compiled-alias-set';
import type { LiveSet } from '../domain/expiry';
import { Lru } from '../domain/lru';
import { DependencyCache } from '../infra/cache/dependency-cache';
import { ChangeFeed } from '../infra/database/change-feed';
import { Metrics } from '../infra/metrics/metrics';
import type { Rendered } from './render-reply';

/** Closures kept (one per distinct list of requested sets). */
const MAX_CLOSURES = 10_000;
/** Rendered outputs kept (one per request shape and closure versions). */
const MAX_RENDERED = 5_000;
/** Render responses kept (one per reader scope and exact URL). */
const MAX_RESPONSES = 20_000;
/** Entries kept compiled: a few times a large registry (the benchmark's holds 100,000). */
const MAX_COMPILED_ENTRIES = 1_000_000;

/** Rendered bytes and what they were built from, so the response cache can tell staleness. */
export interface RenderResult extends Rendered {
  /** Every set requested or reached (`team/name`). */
  deps: string[];
  /** The change feed's generation before the sets were read. */
  generation: number;
  /** The instant (milliseconds) an entry used or left out expires; Infinity: none will. */
  validUntil: number;
}

/**
 * A kept response, good until the first expiry among its sets; its body already encoded, as the
 * fast path writes it to the socket.
 */
export type KeptResponse = Omit<Rendered, 'body'> & { bytes: Buffer; validUntil: number };

/**
 * Everything the render path keeps in memory, in one place: what is kept, under which key, for
 * how long, and how a change evicts it. Four stores:
 * - closures: the requested sets and all they include, by requested refs; evicted by the change
 *   feed (any replica's commit to a set in the closure, or to a requested set not yet existing);
 * - rendered bytes, by request shape plus every closure set's version: never stale, a change
 *   makes a new key and old keys age out (LRU);
 * - responses, by reader scope and exact URL, for the Fastify fast path; evicted like closures,
 *   and not served from the instant an entry of one of their sets expires;
 * - compiled sets, by id, version and number of expired entries: never stale, old versions age
 *   out of an entry budget.
 * Expiring entries need no eviction elsewhere: the rendered-bytes key counts each set's expired
 * entries, so the instant one expires the next request renders anew.
 * While the change feed is down (`live` false) nothing is served from the evicted stores, and a
 * result read before a change arrived (an older generation) is not stored.
 */
@Injectable()
export class RenderCache {
  private readonly closures = new DependencyCache<Map<string, StoredAliasSet>>(MAX_CLOSURES);
  private readonly rendered = new Lru<Rendered>(MAX_RENDERED);
  private readonly responses = new DependencyCache<KeptResponse>(MAX_RESPONSES);
  /** Pass as `compiler` to resolveAliasSets, with sets as `liveAt` gives them. */
  readonly compiled = new AliasSetCompiler<LiveSet<StoredAliasSet>>({
    keyOf: (set) => `${set.id}@${set.version}~${set.expiredEntries}`,
    maxEntries: MAX_COMPILED_ENTRIES,
  });

  constructor(
    private readonly sets: AliasSetsRepository,
    private readonly feed: ChangeFeed,
    private readonly metrics: Metrics,
  ) {
    feed.onChange((ref) => {
      this.closures.evict(ref);
      this.responses.evict(ref);
    });
    feed.onReset(() => {
      this.closures.clear();
      this.responses.clear();
    });
    metrics.watchCompiledSets(() => this.compiled.stats);
  }

  /** Take before reading sets; a result is stored only if it is still the same afterwards. */
  get generation(): number {
    return this.feed.generation;
  }

  /** `refs` and every set they reach through includes, by `team/name` (missing refs absent). */
  async closure(refs: string[]): Promise<Map<string, StoredAliasSet>> {
    if (!this.feed.live) return this.sets.loadClosure(refs);
    const key = refs.join(',');
    const hit = this.closures.get(key);
    if (hit) return hit;
    const generation = this.feed.generation;
    const closure = await this.sets.loadClosure(refs);
    // A requested ref that does not exist yet is a dependency too: creating it must evict.
    if (generation === this.feed.generation && this.feed.live) {
      this.closures.set(key, closure, [...refs, ...closure.keys()]);
    }
    return closure;
  }

  /** The bytes kept under `key`, or `render()`'s, kept from now on. */
  rendering(key: string, render: () => Rendered): Rendered {
    let rendered = this.rendered.get(key);
    this.metrics.renderCache.inc({ result: rendered ? 'hit' : 'miss' });
    if (!rendered) {
      rendered = render();
      this.rendered.set(key, rendered);
    }
    return rendered;
  }

  /** The response to this exact URL for this caller, if one is kept and still current. */
  response(actor: Actor, url: string): KeptResponse | undefined {
    const kept = this.feed.live ? this.responses.get(responseKey(actor, url)) : undefined;
    const hit = kept && kept.validUntil > Date.now() ? kept : undefined;
    this.metrics.renderResponseCache.inc({ result: hit ? 'hit' : 'miss' });
    return hit;
  }

  /** Keeps a GET's response for the fast path, unless a change overtook it. */
  keepResponse(actor: Actor, url: string, result: RenderResult): void {
    if (!this.feed.live || result.generation !== this.feed.generation) return;
    const { body, contentType, etag, validUntil } = result;
    this.responses.set(
      responseKey(actor, url),
      { bytes: Buffer.from(body), contentType, etag, validUntil },
      result.deps,
    );
  }
}

/** What a caller may read depends only on its team (or on being the super-user). */
function responseKey(actor: Actor, url: string): string {
  return `${actor.kind === 'token' ? actor.teamSlug : '*'} ${url}`;
}
