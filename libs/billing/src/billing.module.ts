import { Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { UsageInsightsModule } from './insights/usage-insights.module';
import { UsageBatchesController } from './ledger/usage-batches.controller';
import { UsageIngestService } from './ledger/usage-ingest.service';
import { UsageLedgerRepository } from './ledger/usage-ledger.repository';
import { MonthlyUsageController } from './monthly/monthly-usage.controller';
import { MonthlyUsageService } from './monthly/monthly-usage.service';
import { UsageReportingModule } from './reporting/usage-reporting.module';

/** Usage events from billing systems: the ledger and each customer's monthly cells. City tier. */
@Module({
  imports: [CustomersModule, UsageReportingModule, UsageInsightsModule],
  controllers: [UsageBatchesController, MonthlyUsageController],
  providers: [UsageLedgerRepository, UsageIngestService, MonthlyUsageService],
})
export class BillingModule {}
