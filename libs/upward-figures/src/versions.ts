/** Now, in microseconds since the epoch (the clock versions are taken from). */
export function epochMicros(now: Date = new Date()): bigint {
  return BigInt(now.getTime()) * 1000n;
}

/**
 * The version of a derived cell's next build (a province's slice): the clock in microseconds, but never less than the
 * previous version + 1. The clock keeps versions rising across a rebuilt database of the deriving node (whose
 * previous versions are gone); the +1 keeps them rising when the clock stands still or steps back.
 */
export function nextVersion(previous: bigint | null, nowMicros: bigint): bigint {
  if (previous === null) return nowMicros;
  return previous + 1n > nowMicros ? previous + 1n : nowMicros;
}
