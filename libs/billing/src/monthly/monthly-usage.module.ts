import { Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { MonthlyUsageController } from './monthly-usage.controller';
import { MonthlyUsageRepository } from './monthly-usage.repository';
import { MonthlyUsageService } from './monthly-usage.service';

/**
 * City: each customer's monthly cells. The repository is the one owner of the table's SQL; the
 * ledger, the reporter and the insights reach the cells through it.
 */
@Module({
  imports: [CustomersModule],
  controllers: [MonthlyUsageController],
  providers: [MonthlyUsageRepository, MonthlyUsageService],
  exports: [MonthlyUsageRepository],
})
export class MonthlyUsageModule {}
