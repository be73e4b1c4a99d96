import { Module } from '@nestjs/common';
import { NationalCubeStore } from './national-cube.store';
import { NationalUsageMetrics } from './national-usage.metrics';
import { UsageRollupSliceHandler } from './usage-rollup-slice.handler';

/** National: provinces' slices received into the cube. */
@Module({
  providers: [NationalCubeStore, NationalUsageMetrics, UsageRollupSliceHandler],
})
export class NationalUsageModule {}
