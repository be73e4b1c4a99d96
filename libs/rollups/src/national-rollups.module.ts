import { type DynamicModule, Module } from '@nestjs/common';
import { NationalAnalyticsModule } from './analytics/national-analytics.module';
import { NationalUsageModule } from './national/national-usage.module';
import { UsageReconciliationModule } from './reconciliation/usage-reconciliation.module';
import { ROLLUPS_OPTION_TOKENS, type RollupsOptions, rollupsOptionProviders } from './rollups.options';

/** National tier: the provinces' cube slices, group usage, analytics. */
@Module({
  imports: [NationalUsageModule, NationalAnalyticsModule, UsageReconciliationModule],
})
export class NationalRollupsModule {
  static forRoot(options: RollupsOptions): DynamicModule {
    return {
      module: NationalRollupsModule,
      global: true,
      providers: rollupsOptionProviders(options),
      exports: ROLLUPS_OPTION_TOKENS,
    };
  }
}
