import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { BillingPolicyChangedListener } from './billing-policy-changed.listener';
import { UsageSliceMarker } from './usage-slice.marker';
import { UsageSliceRepository } from './usage-slice.repository';
import { UsageSliceSource } from './usage-slice.source';
import { UsageSlicesMetrics } from './usage-slices.metrics';

/**
 * Province: dirty slices rebuilt from the cities' detail and reported to the national node as
 * the usage measure (the reporting and the answers to the national node's totals and resync
 * requests are the upward-figures mechanism's); a new value-class threshold marks every slice
 * dirty.
 */
@Module({
  imports: [CustomerReportsModule],
  providers: [
    UsageSliceRepository,
    UsageSliceMarker,
    UsageSlicesMetrics,
    UsageSliceSource,
    BillingPolicyChangedListener,
  ],
})
export class UsageSlicesModule {}
