import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  resetsAt: number;
  blockedUntil: number;
}

const SWEEP_MS = 60_000;

/**
 * Fixed-window counters for @nestjs/throttler: O(1) per request. The library's default storage
 * keeps every hit's timestamp and filters them on each request, which at render rates costs more
 * than the render itself.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor() {
    // Forgets finished windows; unref'd, so it never keeps the process alive.
    setInterval(() => this.sweep(), SWEEP_MS).unref();
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(key, ttl, limit, blockDuration));
  }

  /** `increment` without the promise, for the render fast path that answers synchronously. */
  hit(key: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || (window.resetsAt <= now && window.blockedUntil <= now)) {
      window = { hits: 0, resetsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(key, window);
    }
    window.hits++;
    if (window.hits > limit && window.blockedUntil <= now) {
      // Blocked until the window ends, or for blockDuration when one is configured.
      window.blockedUntil = blockDuration > 0 ? now + blockDuration : window.resetsAt;
    }
    const isBlocked = window.blockedUntil > now;
    return {
      totalHits: window.hits,
      timeToExpire: Math.max(0, Math.ceil((window.resetsAt - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil((window.blockedUntil - now) / 1000)) : 0,
    };
  }

  private sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (window.resetsAt <= now && window.blockedUntil <= now) this.windows.delete(key);
    }
  }
}
