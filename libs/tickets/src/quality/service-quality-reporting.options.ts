import type { ReportingPace } from '@kaf/upward-figures';

export const SERVICE_QUALITY_REPORTING_PACE = Symbol('SERVICE_QUALITY_REPORTING_PACE');

/**
 * How the city reports its months of service quality: at the usage report interval
 * (USAGE_REPORT_INTERVAL_MS). A month is one cell of a few dozen lines, computed from the tickets
 * when taken, so a transaction takes few of them.
 */
export function serviceQualityReportingPace(intervalMs: number): ReportingPace {
  return {
    intervalMs,
    sendAtOnce: 100,
    cellsPerMessage: 50,
    cellsPerTransaction: 50,
    cellsPerRound: 1000,
  };
}
