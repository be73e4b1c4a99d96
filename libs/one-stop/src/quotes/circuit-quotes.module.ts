import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { CustomerCircuitsModule } from '../circuits/customer-circuits.module';
import { CircuitQuoteReplyHandler } from './circuit-quote-reply.handler';
import { CircuitQuotes } from './circuit-quotes';
import { CircuitQuotesController } from './circuit-quotes.controller';
import { CircuitQuotesMetrics } from './circuit-quotes.metrics';
import { CircuitQuotesService } from './circuit-quotes.service';
import { QUOTE_RECONCILE_QUEUE, QUOTE_TIMEOUT_QUEUE } from './timeout/quote-timeout-queues';
import { QuoteTimeoutChecker } from './timeout/quote-timeout.checker';
import { QuoteTimeoutJob } from './timeout/quote-timeout.job';
import { QuoteTimerReconciler } from './timeout/quote-timer.reconciler';
import { QuoteTimerScheduler } from './timeout/quote-timer.scheduler';
import { ReconcileQuoteTimersJob, reconcileQuoteTimersSchedule } from './timeout/reconcile-quote-timers.job';

/** Home city: quotes before order, combined from the charges each segment node returns, timed out when one is silent. */
@Module({
  imports: [
    CustomersModule,
    CustomerCircuitsModule,
    AuditModule,
    BullModule.registerQueue({ name: QUOTE_TIMEOUT_QUEUE }, { name: QUOTE_RECONCILE_QUEUE }),
  ],
  controllers: [CircuitQuotesController],
  providers: [
    CircuitQuotes,
    CircuitQuotesService,
    CircuitQuoteReplyHandler,
    CircuitQuotesMetrics,
    QuoteTimerScheduler,
    QuoteTimeoutChecker,
    QuoteTimeoutJob,
    QuoteTimerReconciler,
    ReconcileQuoteTimersJob,
    reconcileQuoteTimersSchedule,
  ],
  exports: [CircuitQuotes],
})
export class CircuitQuotesModule {}
