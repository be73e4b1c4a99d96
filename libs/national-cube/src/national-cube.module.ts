import { Module } from '@nestjs/common';
import { NationalUsageModule } from './slices/national-usage.module';

/** National tier: the provinces' cube slices received, with the summaries kept beside them. */
@Module({
  imports: [NationalUsageModule],
})
export class NationalCubeModule {}
