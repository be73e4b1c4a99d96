import { Module } from '@nestjs/common';

/** National: provinces' slices received into the cube. */
@Module({})
export class NationalUsageModule {}
