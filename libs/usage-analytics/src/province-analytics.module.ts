import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { AnalyticsController } from './analytics.controller';
import { REPORT_DEADLINE_DAY, ReportingStateService } from './reporting-state.service';
import { deadlineDayFromEnv } from './reporting-deadline';
import { RevenueService } from './revenue.service';
import { TopCustomersController } from './top-customers.controller';
import { TopCustomersService } from './top-customers.service';

/** Province: analytics over its cities' cube, detail and reporting state. */
@Module({
  imports: [CustomerReportsModule],
  controllers: [AnalyticsController, TopCustomersController],
  providers: [
    RevenueService,
    ReportingStateService,
    TopCustomersService,
    { provide: REPORT_DEADLINE_DAY, useFactory: () => deadlineDayFromEnv() },
  ],
})
export class ProvinceAnalyticsModule {}
