import { Module } from '@nestjs/common';
import { UsageDetailModule } from './detail/usage-detail.module';
import { UsageSlicesModule } from './slices/usage-slices.module';

/** Province tier: its cities' usage detail, and the cube slices built from it for the national node. */
@Module({
  imports: [UsageDetailModule, UsageSlicesModule],
})
export class ProvinceUsageModule {}
