import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { BillingPolicyChangedListener } from './billing-policy-changed.listener';
import { UsageResyncRequestHandler } from './usage-resync-request.handler';
import { UsageSliceMarkingModule } from './usage-slice-marking.module';
import { UsageSliceBuilder } from './usage-slice.builder';
import { UsageSliceLoop } from './usage-slice.loop';
import { UsageSlicesMetrics } from './usage-slices.metrics';
import { UsageTotalsRequestHandler } from './usage-totals-request.handler';

/**
 * Province: dirty slices rebuilt from the cities' detail and reported to the national node;
 * the national node's totals and resync requests answered. Exports the builder and the
 * marker, whose `markAllDirty` rebuilds every slice (a new value-class threshold); a module the
 * builder depends on imports `UsageSliceMarkingModule` instead.
 */
@Module({
  imports: [CustomerReportsModule, UsageSliceMarkingModule],
  providers: [
    UsageSlicesMetrics,
    UsageSliceBuilder,
    UsageSliceLoop,
    BillingPolicyChangedListener,
    UsageTotalsRequestHandler,
    UsageResyncRequestHandler,
  ],
  exports: [UsageSliceBuilder, UsageSliceMarkingModule],
})
export class UsageSlicesModule {}
