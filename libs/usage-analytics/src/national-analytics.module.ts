import { Module } from '@nestjs/common';
import { GroupRegistryModule } from '@kaf/groups';
import { AnalyticsController } from './analytics.controller';
import { GroupCustomersController } from './group-customers.controller';
import { GroupCustomersService } from './group-customers.service';
import { REPORT_DEADLINE_DAY, ReportingStateService } from './reporting-state.service';
import { deadlineDayFromEnv } from './reporting-deadline';
import { RevenueService } from './revenue.service';

/** National: analytics over every province's cube, group usage and reporting state. */
@Module({
  imports: [GroupRegistryModule],
  controllers: [AnalyticsController, GroupCustomersController],
  providers: [
    RevenueService,
    ReportingStateService,
    GroupCustomersService,
    { provide: REPORT_DEADLINE_DAY, useFactory: () => deadlineDayFromEnv() },
  ],
})
export class NationalAnalyticsModule {}
