import { LatestVersionCache } from './latest-version-cache';

/** A stored record whose version the spec sets, counting the loads. */
function store() {
  const state = { version: 0n, loads: 0 };
  const cache = new LatestVersionCache(
    () => {
      state.loads += 1;
      return Promise.resolve({ version: state.version });
    },
    (v) => v.version,
  );
  return { state, cache };
}

describe('LatestVersionCache', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-05-10T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('serves from memory once loaded, and shares one load between concurrent misses', async () => {
    const { state, cache } = store();
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    await cache.get();
    expect(state.loads).toBe(1);
  });

  it('reloads while an expected version is not visible, at most every retry pause, then trusts it', async () => {
    const { state, cache } = store();
    await cache.get();
    cache.expect(3n);
    // Just loaded: the retry pause holds the copy even though it is older than expected.
    expect((await cache.get()).version).toBe(0n);
    expect(state.loads).toBe(1);
    jest.setSystemTime(Date.now() + 250);
    expect((await cache.get()).version).toBe(0n); // the writer has not committed yet
    expect(state.loads).toBe(2);
    state.version = 3n;
    jest.setSystemTime(Date.now() + 250);
    expect((await cache.get()).version).toBe(3n);
    jest.setSystemTime(Date.now() + 250);
    await cache.get();
    expect(state.loads).toBe(3);
  });

  it('serves a copy older than the maximum age while it re-reads it, and forgets a version that never committed', async () => {
    const { state, cache } = store();
    await cache.get();
    state.version = 2n;
    jest.setSystemTime(Date.now() + 30_001);
    // The old copy at once (no wait for a connection), the reload behind it…
    expect((await cache.get()).version).toBe(0n);
    expect(state.loads).toBe(2);
    // …whose copy is served next.
    expect((await cache.get()).version).toBe(2n);
    expect(state.loads).toBe(2);
    cache.expect(9n); // rolled back: never visible
    jest.setSystemTime(Date.now() + 30_001);
    await cache.get();
    const loads = state.loads;
    jest.setSystemTime(Date.now() + 250);
    await cache.get();
    expect(state.loads).toBe(loads);
  });
});
