import { type DynamicModule, Module } from '@nestjs/common';
import { ProvinceArrearsModule } from './arrears/province-arrears.module';
import { UsageDetailModule } from './detail/usage-detail.module';
import { UsageSlicesModule } from './slices/usage-slices.module';
import { USAGE_SLICES_OPTIONS, type UsageSlicesOptions } from './slices/usage-slices.options';

export interface ProvinceUsageOptions {
  /** The slice builders' rounds, usage and arrears alike (USAGE_SLICE_INTERVAL_MS, USAGE_SLICE_MAX_PER_ROUND). */
  slices: UsageSlicesOptions;
}

/**
 * Province tier: its cities' usage and arrears detail, and the slices built from them for the
 * national node.
 */
@Module({
  imports: [UsageDetailModule, UsageSlicesModule, ProvinceArrearsModule],
})
export class ProvinceUsageModule {
  static forRoot(options: ProvinceUsageOptions): DynamicModule {
    return {
      module: ProvinceUsageModule,
      global: true,
      providers: [{ provide: USAGE_SLICES_OPTIONS, useValue: options.slices }],
      exports: [USAGE_SLICES_OPTIONS],
    };
  }
}
