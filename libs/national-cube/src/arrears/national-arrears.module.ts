import { Module } from '@nestjs/common';
import { NationalArrearsRepository } from './national-arrears.repository';
import { NationalArrearsSink } from './national-arrears.sink';

/** National: the provinces' arrears slices received, as the arrears measure's sink. */
@Module({
  providers: [NationalArrearsRepository, NationalArrearsSink],
})
export class NationalArrearsModule {}
