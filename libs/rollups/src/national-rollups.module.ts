import { Module } from '@nestjs/common';
import { NationalAnalyticsModule } from './analytics/national-analytics.module';
import { NationalUsageModule } from './national/national-usage.module';
import { UsageReconciliationModule } from './reconciliation/usage-reconciliation.module';

/** National tier: the provinces' cube slices, group usage, analytics. */
@Module({
  imports: [NationalUsageModule, NationalAnalyticsModule, UsageReconciliationModule],
})
export class NationalRollupsModule {}
