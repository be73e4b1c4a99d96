import { Module } from '@nestjs/common';
import { NationalArrearsModule } from './arrears/national-arrears.module';
import { NationalUsageModule } from './slices/national-usage.module';

/** National tier: the provinces' usage cube slices (with the summaries kept beside them) and arrears slices received. */
@Module({
  imports: [NationalUsageModule, NationalArrearsModule],
})
export class NationalCubeModule {}
