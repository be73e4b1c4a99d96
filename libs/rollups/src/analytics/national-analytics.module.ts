import { Module } from '@nestjs/common';
import { GroupRegistryModule } from '@kaf/groups';
import { AnalyticsController } from './analytics.controller';
import { GroupCustomersController } from './group-customers.controller';
import { GroupCustomersService } from './group-customers.service';
import { ReportingStateService } from './reporting-state.service';
import { RevenueService } from './revenue.service';

/** National: analytics over every province's cube, group usage and reporting state. */
@Module({
  imports: [GroupRegistryModule],
  controllers: [AnalyticsController, GroupCustomersController],
  providers: [RevenueService, ReportingStateService, GroupCustomersService],
})
export class NationalAnalyticsModule {}
