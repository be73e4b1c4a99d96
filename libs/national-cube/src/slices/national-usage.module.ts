import { Module } from '@nestjs/common';
import { NationalCubeRepository } from './national-cube.repository';
import { NationalUsageSink } from './national-usage.sink';

/** National: provinces' slices received into the cube, as the usage measure's sink. */
@Module({
  providers: [NationalCubeRepository, NationalUsageSink],
})
export class NationalUsageModule {}
