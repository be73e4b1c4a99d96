import { type DynamicModule, Module } from '@nestjs/common';
import { MonthlyUsageModule } from '../monthly/monthly-usage.module';
import { UsageReporter } from './usage-reporter';
import { USAGE_REPORTING_OPTIONS, usageReportingOptions } from './usage-reporting.options';
import { UsageReportingMetrics } from './usage-reporting.metrics';
import { UsageResyncRequestHandler } from './usage-resync-request.handler';
import { UsageTotalsRequestHandler } from './usage-totals-request.handler';

/**
 * City: monthly cells reported to the province (debounced, batched, through the outbox), and
 * the answers to the province's totals and resync requests.
 */
@Module({
  imports: [MonthlyUsageModule],
  providers: [UsageReportingMetrics, UsageReporter, UsageTotalsRequestHandler, UsageResyncRequestHandler],
})
export class UsageReportingModule {
  static forRoot(options: { intervalMs: number }): DynamicModule {
    return {
      module: UsageReportingModule,
      providers: [{ provide: USAGE_REPORTING_OPTIONS, useValue: usageReportingOptions(options.intervalMs) }],
    };
  }
}
