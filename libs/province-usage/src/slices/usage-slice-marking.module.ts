import { Module } from '@nestjs/common';
import { UsageSliceMarker } from './usage-slice.marker';
import { UsageSliceStore } from './usage-slice.store';

/**
 * Province: marking slices dirty, importable by modules the slice builder itself depends on
 * (the billing policy replica) without a module cycle.
 */
@Module({
  providers: [UsageSliceStore, UsageSliceMarker],
  exports: [UsageSliceStore, UsageSliceMarker],
})
export class UsageSliceMarkingModule {}
