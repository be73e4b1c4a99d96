/** How the city reports its monthly cells to the province. */
export interface UsageReportingOptions {
  /** Longest a changed cell waits before it is reported (the debounce window). */
  intervalMs: number;
  /** Cells per CustomerUsageReport message. */
  cellsPerMessage: number;
  /** Cells taken in one transaction; a round over a larger backlog takes several. */
  cellsPerRound: number;
}

export const USAGE_REPORTING_OPTIONS = Symbol('USAGE_REPORTING_OPTIONS');

/** Cells per message and per transaction; the interval comes from USAGE_REPORT_INTERVAL_MS. */
export function usageReportingOptions(intervalMs: number): UsageReportingOptions {
  return { intervalMs, cellsPerMessage: 2000, cellsPerRound: 10_000 };
}
