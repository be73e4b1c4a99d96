import { Module } from '@nestjs/common';
import { NationalAnalyticsModule } from './analytics/national-analytics.module';
import { NationalUsageModule } from './national/national-usage.module';
import { BillingPolicyModule } from './policy/billing-policy.module';
import { UsageReconciliationModule } from './reconciliation/usage-reconciliation.module';

/** National tier: the provinces' cube slices, group usage, analytics, the billing policy. */
@Module({
  imports: [BillingPolicyModule, NationalUsageModule, NationalAnalyticsModule, UsageReconciliationModule],
})
export class NationalRollupsModule {}
