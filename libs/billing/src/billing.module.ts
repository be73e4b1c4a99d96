import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { UsageInsightsModule } from './insights/usage-insights.module';
import { UsageChunkBooker } from './kafka-door/usage-chunk.booker';
import { UsageDoorMetrics } from './kafka-door/usage-door.metrics';
import { UsageKafkaDoorConsumer } from './kafka-door/usage-kafka-door.consumer';
import {
  DEFAULT_USAGE_KAFKA_DOOR_OPTIONS,
  USAGE_KAFKA_DOOR_OPTIONS,
  type UsageKafkaDoorOptions,
} from './kafka-door/usage-kafka-door.options';
import { UsageBatchesController } from './ledger/usage-batches.controller';
import { UsageBooking } from './ledger/usage-booking';
import { UsageIngestService } from './ledger/usage-ingest.service';
import { UsageLedgerRepository } from './ledger/usage-ledger.repository';
import { MonthlyUsageModule } from './monthly/monthly-usage.module';
import { ArrearsReportingModule } from './reporting/arrears-reporting.module';
import { UsageReportingModule } from './reporting/usage-reporting.module';
import { ParkedEventsController } from './parked/parked-events.controller';
import { ParkedEventsRepository } from './parked/parked-events.repository';
import { ParkedEventsService } from './parked/parked-events.service';

export interface BillingModuleOptions {
  kafkaDoor?: Partial<UsageKafkaDoorOptions>;
  /** Longest a changed monthly cell waits before it is reported to the province (USAGE_REPORT_INTERVAL_MS). */
  usageReportIntervalMs: number;
}

/**
 * Usage events from billing systems, through two doors (REST batches and the city's
 * billing-usage Kafka topic): the ledger and each customer's monthly cells. City tier.
 */
@Module({
  imports: [AuditModule, CustomersModule, MonthlyUsageModule, UsageInsightsModule],
  controllers: [UsageBatchesController, ParkedEventsController],
  providers: [
    UsageLedgerRepository,
    UsageBooking,
    UsageIngestService,
    ParkedEventsRepository,
    ParkedEventsService,
    UsageChunkBooker,
    UsageDoorMetrics,
    UsageKafkaDoorConsumer,
    { provide: USAGE_KAFKA_DOOR_OPTIONS, useValue: DEFAULT_USAGE_KAFKA_DOOR_OPTIONS },
  ],
})
export class BillingModule {
  /** The module with the node's settings (the Kafka door's defaults where not given). */
  static forRoot(options: BillingModuleOptions): DynamicModule {
    return {
      module: BillingModule,
      imports: [
        UsageReportingModule.forRoot({ intervalMs: options.usageReportIntervalMs }),
        // Provides ArrearsMonthChanges to the receivables' bookings (re-exported below).
        ArrearsReportingModule.forRoot({ intervalMs: options.usageReportIntervalMs }),
      ],
      exports: [ArrearsReportingModule],
      providers: [
        {
          provide: USAGE_KAFKA_DOOR_OPTIONS,
          useValue: { ...DEFAULT_USAGE_KAFKA_DOOR_OPTIONS, ...options.kafkaDoor },
        },
      ],
    };
  }
}
