import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { BillingPolicyReplicaModule } from '../policy/billing-policy-replica.module';
import { UsageResyncRequestHandler } from './usage-resync-request.handler';
import { UsageSliceBuilder } from './usage-slice.builder';
import { UsageSliceLoop } from './usage-slice.loop';
import { UsageSliceStore } from './usage-slice.store';
import { UsageSlicesMetrics } from './usage-slices.metrics';
import { USAGE_SLICES_OPTIONS, usageSlicesOptionsFromEnv } from './usage-slices.options';
import { UsageTotalsRequestHandler } from './usage-totals-request.handler';

/**
 * Province: dirty slices rebuilt from the cities' detail and reported to the national node;
 * the national node's totals and resync requests answered. Exports the builder, whose
 * `markAllDirty` rebuilds every slice (a new value-class threshold).
 */
@Module({
  imports: [BillingPolicyReplicaModule, CustomerReportsModule],
  providers: [
    { provide: USAGE_SLICES_OPTIONS, useFactory: () => usageSlicesOptionsFromEnv() },
    UsageSlicesMetrics,
    UsageSliceStore,
    UsageSliceBuilder,
    UsageSliceLoop,
    UsageTotalsRequestHandler,
    UsageResyncRequestHandler,
  ],
  exports: [UsageSliceBuilder],
})
export class UsageSlicesModule {}
