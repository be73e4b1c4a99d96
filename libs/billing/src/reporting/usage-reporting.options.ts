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

const LIMITS = { min: 10, max: 600_000 };

/**
 * Reads `USAGE_REPORT_INTERVAL_MS` (default 200). A value that is not a whole number of
 * milliseconds in range stops the node at boot, naming the variable.
 */
export function usageReportingOptions(env: NodeJS.ProcessEnv = process.env): UsageReportingOptions {
  const raw = env.USAGE_REPORT_INTERVAL_MS ?? '200';
  const intervalMs = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(intervalMs >= LIMITS.min && intervalMs <= LIMITS.max)) {
    throw new Error(
      `USAGE_REPORT_INTERVAL_MS must be a whole number of milliseconds from ${LIMITS.min} to ${LIMITS.max}, got ${JSON.stringify(raw)}`,
    );
  }
  return { intervalMs, cellsPerMessage: 2000, cellsPerRound: 10_000 };
}
