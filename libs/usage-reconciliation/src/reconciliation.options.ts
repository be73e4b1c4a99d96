/** Settings of reconciliation runs, read from the environment at boot. */
export interface ReconciliationOptions {
  /** Every this many ms a run starts on its own; 0 = only on request. */
  intervalMs: number;
  /** A child that has not answered this long after the run started leaves the run partial. */
  answerTimeoutMs: number;
}

export const RECONCILIATION_OPTIONS = Symbol('RECONCILIATION_OPTIONS');

/** Parses and checks the variables; a bad value stops the node naming the variable. */
export function reconciliationOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ReconciliationOptions {
  const intervalMs = whole(env, 'RECONCILIATION_INTERVAL_MS', 3_600_000, 0, 7 * 86_400_000);
  if (intervalMs > 0 && intervalMs < 1000)
    throw new Error('RECONCILIATION_INTERVAL_MS: must be 0 (off) or at least 1000');
  return {
    intervalMs,
    answerTimeoutMs: whole(env, 'RECONCILIATION_ANSWER_TIMEOUT_MS', 30_000, 100, 86_400_000),
  };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new Error(`${name}: must be a whole number of milliseconds from ${min} to ${max}`);
  return value;
}
