import { Module } from '@nestjs/common';
import { CustomersModule } from '@kaf/customers';
import { MonthlyUsageModule } from '../monthly/monthly-usage.module';
import { UsageInsightsController } from './usage-insights.controller';
import { UsageInsightsService } from './usage-insights.service';

/** City: revenue signals of its customers (value class, trailing ARPU, churn risk) under the billing policy. */
@Module({
  imports: [CustomersModule, MonthlyUsageModule],
  controllers: [UsageInsightsController],
  providers: [UsageInsightsService],
})
export class UsageInsightsModule {}
