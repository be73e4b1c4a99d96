export interface LatestVersionCacheOptions {
  /** A copy is trusted this long even without a change seen here (other replicas of the node may have stored one). */
  maxAgeMs: number;
  /** While an expected version is not yet visible (its transaction not committed), re-read at most this often. */
  retryMs: number;
}

export const DEFAULT_LATEST_VERSION_CACHE_OPTIONS: LatestVersionCacheOptions = {
  maxAgeMs: 30_000,
  retryMs: 200,
};

/**
 * An in-memory copy of a versioned record (a policy) kept in the database, read through `load`.
 * Whoever stores a new version calls `expect(version)` in its transaction; from then on `get()`
 * goes back to the database (at most every `retryMs`) until that version is visible, so a reader
 * never keeps an older copy after the change committed. A copy older than `maxAgeMs` with no
 * newer version expected is still served while it is reloaded in the background. Concurrent
 * misses share one load.
 */
export class LatestVersionCache<T> {
  private cached: { value: T; loadedAt: number } | undefined;
  private awaited = 0n;
  private awaitedAt = 0;
  private loading: Promise<T> | undefined;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly versionOf: (value: T) => bigint,
    private readonly options: LatestVersionCacheOptions = DEFAULT_LATEST_VERSION_CACHE_OPTIONS,
  ) {}

  async get(): Promise<T> {
    const now = Date.now();
    const cached = this.cached;
    if (cached) {
      const stale = this.versionOf(cached.value) < this.awaited;
      const age = now - cached.loadedAt;
      if (!stale && age < this.options.maxAgeMs) return cached.value;
      if (stale && age < this.options.retryMs) return cached.value;
      if (!stale) {
        // Merely old: served as it is while a reload runs behind it. A caller inside a
        // transaction must not wait for a connection of its own here: with the pool held by such
        // transactions, that wait never ends.
        void this.loadOnce().catch(() => undefined);
        return cached.value;
      }
    }
    return this.loadOnce();
  }

  /** One load at a time: concurrent callers share it. */
  private loadOnce(): Promise<T> {
    this.loading ??= this.reload().finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** A version is being stored: stop trusting older copies. */
  expect(version: bigint): void {
    if (version > this.awaited) {
      this.awaited = version;
      this.awaitedAt = Date.now();
    }
  }

  private async reload(): Promise<T> {
    const value = await this.load();
    // A version that never committed (rolled back, dead-lettered) must not keep readers waiting.
    if (this.versionOf(value) >= this.awaited || Date.now() - this.awaitedAt > this.options.maxAgeMs) {
      this.awaited = 0n;
    }
    this.cached = { value, loadedAt: Date.now() };
    return value;
  }
}
