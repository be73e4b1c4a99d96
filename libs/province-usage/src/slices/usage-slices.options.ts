/** Settings of the province's slice builder (USAGE_SLICE_INTERVAL_MS, USAGE_SLICE_MAX_PER_ROUND). */
export interface UsageSlicesOptions {
  /** Longest a dirty slice waits before it is built; changes within it are built together (the debounce). */
  intervalMs: number;
  /** Upper bound of slices one instance builds in a round before pausing a tick. */
  maxSlicesPerRound: number;
}

export const USAGE_SLICES_OPTIONS = Symbol('USAGE_SLICES_OPTIONS');
