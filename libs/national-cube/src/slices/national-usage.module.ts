import { Module } from '@nestjs/common';
import { NationalCubeRepository } from './national-cube.repository';
import { NationalUsageMetrics } from './national-usage.metrics';
import { UsageRollupSliceHandler } from './usage-rollup-slice.handler';

/** National: provinces' slices received into the cube. */
@Module({
  providers: [NationalCubeRepository, NationalUsageMetrics, UsageRollupSliceHandler],
})
export class NationalUsageModule {}
