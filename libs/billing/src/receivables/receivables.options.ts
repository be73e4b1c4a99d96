export interface ReceivablesOptions {
  /**
   * How often the node looks for accounts whose current month row was taken on an earlier day;
   * the day turning is noticed within this. 0 turns the check off.
   */
  arrearsRefreshIntervalMs: number;
}

export const RECEIVABLES_OPTIONS = Symbol('RECEIVABLES_OPTIONS');

/** Every ten minutes: a check that finds nothing to do is one indexed scan. */
export const DEFAULT_RECEIVABLES_OPTIONS: ReceivablesOptions = { arrearsRefreshIntervalMs: 600_000 };
