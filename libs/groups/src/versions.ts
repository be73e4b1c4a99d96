/**
 * Last-version-wins, the rule every receiver of absolute state applies: an incoming state
 * replaces the stored one only when its version is strictly higher, so a duplicate (same version)
 * or a late older state changes nothing.
 */
export function supersedes(incoming: bigint, stored: bigint | undefined): boolean {
  return stored === undefined || incoming > stored;
}

/**
 * The highest-version item per key, for writing a batch in one statement (PostgreSQL refuses to
 * touch one row twice in a single INSERT … ON CONFLICT). Among equal versions the first wins,
 * as the stored row would.
 */
export function latestPerKey<T>(
  items: readonly T[],
  key: (item: T) => string,
  version: (item: T) => bigint,
): T[] {
  const latest = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const current = latest.get(k);
    if (supersedes(version(item), current === undefined ? undefined : version(current))) latest.set(k, item);
  }
  return [...latest.values()];
}
