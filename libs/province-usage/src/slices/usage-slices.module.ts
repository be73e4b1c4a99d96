import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { BillingPolicyChangedListener } from './billing-policy-changed.listener';
import { UsageSliceMarkingModule } from './usage-slice-marking.module';
import { UsageSliceSource } from './usage-slice.source';
import { UsageSlicesMetrics } from './usage-slices.metrics';

/**
 * Province: dirty slices rebuilt from the cities' detail and reported to the national node as
 * the usage measure (the reporting and the answers to the national node's totals and resync
 * requests are the upward-figures mechanism's). Exports the builder and the marker, whose
 * `markAllDirty` rebuilds every slice (a new value-class threshold); a module the builder depends
 * on imports `UsageSliceMarkingModule` instead.
 */
@Module({
  imports: [CustomerReportsModule, UsageSliceMarkingModule],
  providers: [UsageSlicesMetrics, UsageSliceSource, BillingPolicyChangedListener],
  exports: [UsageSliceSource, UsageSliceMarkingModule],
})
export class UsageSlicesModule {}
