import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { BillingAccountsModule } from '@kaf/billing-accounts';
import { CustomersModule } from '@kaf/customers';
import { UsageInsightsModule } from './insights/usage-insights.module';
import { UsageChunkBooker } from './kafka-door/usage-chunk.booker';
import { CHUNK_HANDLER } from './kafka-door/chunk-handler';
import { RoutedEventsHandler } from './routed/routed-events.handler';
import { UsageDoorMetrics } from './kafka-door/usage-door.metrics';
import { UsageKafkaDoorConsumer } from './kafka-door/usage-kafka-door.consumer';
import {
  DEFAULT_USAGE_KAFKA_DOOR_OPTIONS,
  USAGE_KAFKA_DOOR_OPTIONS,
  type UsageKafkaDoorOptions,
} from './kafka-door/usage-kafka-door.options';
import { UsageBooking } from './ledger/usage-booking';
import { BillingBatchesController } from './events/billing-batches.controller';
import { BillingBatchesService } from './events/billing-batches.service';
import { BillingEventBooking } from './events/billing-event-booking';
import { BookingReplayer } from './events/booking-replayer';
import { ParkedForAccounts } from './parked/parked-for-accounts.listener';
import { PARKED_EVENT_REPLAYER } from './parked/parked-event-replayer';
import { UsageLedgerRepository } from './ledger/usage-ledger.repository';
import { MonthlyUsageModule } from './monthly/monthly-usage.module';
import { ArrearsReportingModule } from './reporting/arrears-reporting.module';
import { UsageReportingModule } from './reporting/usage-reporting.module';
import { ParkedEventsController } from './parked/parked-events.controller';
import { ParkedEventsRepository } from './parked/parked-events.repository';
import { ParkedEventsService } from './parked/parked-events.service';
import { AccountBalancesExtension } from './receivables/account-balances.provider';
import { AccountPositions } from './receivables/account-positions';
import { ArrearsMonthRepository } from './receivables/arrears-month.repository';
import { ArrearsMonthRefresher } from './receivables/arrears-month.refresher';
import { BillLedgerRepository } from './receivables/bill-ledger.repository';
import { PaymentLedgerRepository } from './receivables/payment-ledger.repository';
import { ReceivablesBooking } from './receivables/receivables-booking';
import { ReceivablesController } from './receivables/receivables.controller';
import { ReceivablesService } from './receivables/receivables.service';
import { ARREARS_REFRESH_QUEUE } from './receivables/receivables-queues';
import {
  DEFAULT_RECEIVABLES_OPTIONS,
  RECEIVABLES_OPTIONS,
  type ReceivablesOptions,
} from './receivables/receivables.options';
import {
  RefreshArrearsMonthsJob,
  refreshArrearsMonthsSchedule,
} from './receivables/refresh-arrears-months.job';

export interface BillingModuleOptions {
  kafkaDoor?: Partial<UsageKafkaDoorOptions>;
  /** Longest a changed monthly cell waits before it is reported to the province (USAGE_REPORT_INTERVAL_MS). */
  usageReportIntervalMs: number;
  /** Bills, payments and arrears (the day-turn check's interval); defaults where not given. */
  receivables?: Partial<ReceivablesOptions>;
}

/**
 * Usage events from billing systems, through two doors (REST batches and the city's
 * billing-usage Kafka topic): the ledger and each customer's monthly cells. City tier.
 */
@Module({
  imports: [AuditModule, CustomersModule, BillingAccountsModule, MonthlyUsageModule, UsageInsightsModule],
  controllers: [BillingBatchesController, ParkedEventsController, ReceivablesController],
  providers: [
    UsageLedgerRepository,
    UsageBooking,
    BillingEventBooking,
    BillingBatchesService,
    BookingReplayer,
    { provide: PARKED_EVENT_REPLAYER, useExisting: BookingReplayer },
    ParkedEventsRepository,
    ParkedEventsService,
    ParkedForAccounts,
    UsageChunkBooker,
    UsageDoorMetrics,
    UsageKafkaDoorConsumer,
    { provide: CHUNK_HANDLER, useExisting: UsageChunkBooker },
    RoutedEventsHandler,
    BillLedgerRepository,
    PaymentLedgerRepository,
    ArrearsMonthRepository,
    AccountPositions,
    ReceivablesBooking,
    ReceivablesService,
    AccountBalancesExtension,
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
        BullModule.registerQueue({ name: ARREARS_REFRESH_QUEUE }),
        // Provides ArrearsMonthChanges to the receivables' bookings (re-exported below).
        ArrearsReportingModule.forRoot({ intervalMs: options.usageReportIntervalMs }),
      ],
      exports: [ArrearsReportingModule],
      providers: [
        {
          provide: RECEIVABLES_OPTIONS,
          useValue: { ...DEFAULT_RECEIVABLES_OPTIONS, ...options.receivables },
        },
        ArrearsMonthRefresher,
        RefreshArrearsMonthsJob,
        refreshArrearsMonthsSchedule,
        {
          provide: USAGE_KAFKA_DOOR_OPTIONS,
          useValue: { ...DEFAULT_USAGE_KAFKA_DOOR_OPTIONS, ...options.kafkaDoor },
        },
      ],
    };
  }
}
