import { Module } from '@nestjs/common';
import { CustomerReportsModule } from '@kaf/customers';
import { CityUsageRepository } from './city-usage.repository';
import { CityUsageSink } from './city-usage.sink';
import { ReportedCustomerDirtyListener } from './reported-customer-dirty.listener';

/** Province: the cities' usage cells received (the usage measure's sink), dirty slices marked. */
@Module({
  imports: [CustomerReportsModule],
  providers: [CityUsageRepository, CityUsageSink, ReportedCustomerDirtyListener],
  exports: [CityUsageRepository],
})
export class UsageDetailModule {}
