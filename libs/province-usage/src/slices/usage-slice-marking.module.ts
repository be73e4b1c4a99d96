import { Module } from '@nestjs/common';
import { UsageSliceMarker } from './usage-slice.marker';
import { UsageSliceRepository } from './usage-slice.repository';

/**
 * Province: marking slices dirty, importable by modules the slice builder itself depends on
 * (the billing policy replica) without a module cycle.
 */
@Module({
  providers: [UsageSliceRepository, UsageSliceMarker],
  exports: [UsageSliceRepository, UsageSliceMarker],
})
export class UsageSliceMarkingModule {}
