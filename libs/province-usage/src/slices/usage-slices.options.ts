/** Settings of the province's slice builder, from the environment. */
export interface UsageSlicesOptions {
  /** Pause between rounds; changes within one pause are built together (the debounce). */
  intervalMs: number;
  /** Upper bound of slices one instance builds in a round before pausing again. */
  maxSlicesPerRound: number;
}

export const USAGE_SLICES_OPTIONS = Symbol('USAGE_SLICES_OPTIONS');

/** Reads USAGE_SLICE_INTERVAL_MS and USAGE_SLICE_MAX_PER_ROUND; fails at boot naming the variable. */
export function usageSlicesOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): UsageSlicesOptions {
  return {
    intervalMs: intVariable(env, 'USAGE_SLICE_INTERVAL_MS', 200, 10, 600_000),
    maxSlicesPerRound: intVariable(env, 'USAGE_SLICE_MAX_PER_ROUND', 500, 1, 100_000),
  };
}

function intVariable(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
