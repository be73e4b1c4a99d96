import type { Provider } from '@nestjs/common';
import { REPORT_DEADLINE_DAY } from './analytics/reporting-state.service';
import { RECONCILIATION_OPTIONS, type ReconciliationOptions } from './reconciliation/reconciliation.options';
import { USAGE_SLICES_OPTIONS, type UsageSlicesOptions } from './slices/usage-slices.options';

/** The node's settings for the rollups above the city, validated by the node's configuration. */
export interface RollupsOptions {
  /** Province only: the slice builder's rounds. */
  slices: UsageSlicesOptions;
  reconciliation: ReconciliationOptions;
  /** Day of the following month (1–28) by which a month's figures are due (ANALYTICS_REPORT_DEADLINE_DAY). */
  reportDeadlineDay: number;
}

export const ROLLUPS_OPTION_TOKENS = [USAGE_SLICES_OPTIONS, RECONCILIATION_OPTIONS, REPORT_DEADLINE_DAY];

export function rollupsOptionProviders(options: RollupsOptions): Provider[] {
  return [
    { provide: USAGE_SLICES_OPTIONS, useValue: options.slices },
    { provide: RECONCILIATION_OPTIONS, useValue: options.reconciliation },
    { provide: REPORT_DEADLINE_DAY, useValue: options.reportDeadlineDay },
  ];
}
