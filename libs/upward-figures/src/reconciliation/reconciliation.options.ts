/** Settings of reconciliation runs (RECONCILIATION_INTERVAL_MS, RECONCILIATION_ANSWER_TIMEOUT_MS). */
export interface ReconciliationOptions {
  /** Every this many ms a run starts on its own; 0 = only on request. */
  intervalMs: number;
  /** A child that has not answered this long after the run started leaves the run partial. */
  answerTimeoutMs: number;
}

export const RECONCILIATION_OPTIONS = Symbol('RECONCILIATION_OPTIONS');
