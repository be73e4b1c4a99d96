import { type DynamicModule, Module } from '@nestjs/common';
import { GroupRegistryModule } from '@kaf/groups';
import { AnalyticsController } from './analytics.controller';
import { ArrearsService } from './arrears.service';
import { GroupCustomersController } from './group-customers.controller';
import { GroupCustomersService } from './group-customers.service';
import { REPORT_DEADLINE_DAY, ReportingStateService } from './reporting-state.service';
import { RevenueService } from './revenue.service';

/** National: analytics over every province's cube, group usage and reporting state. */
@Module({
  imports: [GroupRegistryModule],
  controllers: [AnalyticsController, GroupCustomersController],
  providers: [RevenueService, ArrearsService, ReportingStateService, GroupCustomersService],
})
export class NationalAnalyticsModule {
  /** `reportDeadlineDay`: day of the following month (1–28) by which a month's figures are due. */
  static forRoot(options: { reportDeadlineDay: number }): DynamicModule {
    return {
      module: NationalAnalyticsModule,
      providers: [{ provide: REPORT_DEADLINE_DAY, useValue: options.reportDeadlineDay }],
    };
  }
}
