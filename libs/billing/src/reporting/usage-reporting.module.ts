import { type DynamicModule, Module } from '@nestjs/common';
import { MonthlyUsageModule } from '../monthly/monthly-usage.module';
import { CityUsageSource } from './city-usage.source';
import { USAGE_REPORTING_PACE, usageReportingPace } from './usage-reporting.options';

/**
 * City: its monthly cells reported to the province as the usage measure (the reporting, the
 * answers to the province's totals and resync requests are the upward-figures mechanism's).
 */
@Module({
  imports: [MonthlyUsageModule],
  providers: [CityUsageSource],
})
export class UsageReportingModule {
  static forRoot(options: { intervalMs: number }): DynamicModule {
    return {
      module: UsageReportingModule,
      providers: [{ provide: USAGE_REPORTING_PACE, useValue: usageReportingPace(options.intervalMs) }],
    };
  }
}
