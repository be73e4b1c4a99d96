import { type DynamicModule, Module } from '@nestjs/common';
import { ProvinceAnalyticsModule } from './analytics/province-analytics.module';
import { UsageDetailModule } from './detail/usage-detail.module';
import { UsageReconciliationModule } from './reconciliation/usage-reconciliation.module';
import { ROLLUPS_OPTION_TOKENS, type RollupsOptions, rollupsOptionProviders } from './rollups.options';
import { UsageSlicesModule } from './slices/usage-slices.module';

/** Province tier: its cities' usage detail, the cube slices built from it, analytics. */
@Module({
  imports: [UsageDetailModule, UsageSlicesModule, ProvinceAnalyticsModule, UsageReconciliationModule],
})
export class ProvinceRollupsModule {
  static forRoot(options: RollupsOptions): DynamicModule {
    return {
      module: ProvinceRollupsModule,
      global: true,
      providers: rollupsOptionProviders(options),
      exports: ROLLUPS_OPTION_TOKENS,
    };
  }
}
