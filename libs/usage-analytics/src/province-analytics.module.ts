import { type DynamicModule, Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { AnalyticsController } from './analytics.controller';
import { ArrearsService } from './arrears.service';
import { REPORT_DEADLINE_DAY, ReportingStateService } from './reporting-state.service';
import { RevenueService } from './revenue.service';
import { TopCustomersController } from './top-customers.controller';
import { TopCustomersService } from './top-customers.service';

/** Province: analytics over its cities' cube, detail and reporting state. */
@Module({
  imports: [CustomerReportsModule],
  controllers: [AnalyticsController, TopCustomersController],
  providers: [RevenueService, ArrearsService, ReportingStateService, TopCustomersService],
})
export class ProvinceAnalyticsModule {
  /** `reportDeadlineDay`: day of the following month (1–28) by which a month's figures are due. */
  static forRoot(options: { reportDeadlineDay: number }): DynamicModule {
    return {
      module: ProvinceAnalyticsModule,
      providers: [{ provide: REPORT_DEADLINE_DAY, useValue: options.reportDeadlineDay }],
    };
  }
}
