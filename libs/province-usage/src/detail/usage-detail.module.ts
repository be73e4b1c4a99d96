import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { CityUsageRepository } from './city-usage.repository';
import { CustomerUsageReportHandler } from './customer-usage-report.handler';
import { ReportedCustomerDirtyListener } from './reported-customer-dirty.listener';

/** Province: city usage reports in, the cities' detail kept, dirty slices marked. */
@Module({
  imports: [CustomerReportsModule],
  providers: [CityUsageRepository, CustomerUsageReportHandler, ReportedCustomerDirtyListener],
  exports: [CityUsageRepository],
})
export class UsageDetailModule {}
