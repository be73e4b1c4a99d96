import type { ReportingPace } from '@kaf/upward-figures';
import { usageReportingPace } from './usage-reporting.options';

export const ARREARS_REPORTING_PACE = Symbol('ARREARS_REPORTING_PACE');

/**
 * How the city reports its arrears cells: as its usage cells (the same interval,
 * USAGE_REPORT_INTERVAL_MS, and sizes); a cell is smaller and changes less often.
 */
export function arrearsReportingPace(intervalMs: number): ReportingPace {
  return usageReportingPace(intervalMs);
}
