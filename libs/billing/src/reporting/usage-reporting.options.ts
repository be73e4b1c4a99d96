import type { ReportingPace } from '@kaf/upward-figures';

export const USAGE_REPORTING_PACE = Symbol('USAGE_REPORTING_PACE');

/**
 * How the city reports its monthly cells: the interval comes from USAGE_REPORT_INTERVAL_MS; a
 * full message's worth goes at once; a round sends the whole backlog, a transaction per 10,000.
 */
export function usageReportingPace(intervalMs: number): ReportingPace {
  return {
    intervalMs,
    sendAtOnce: 2000,
    cellsPerMessage: 2000,
    cellsPerTransaction: 10_000,
    cellsPerRound: Number.MAX_SAFE_INTEGER,
  };
}
