import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { durableDeadlines } from '@kaf/platform';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../one-stop.options';
import { CustomerCircuitsModule } from '../circuits/customer-circuits.module';
import { CircuitQuoteReplyHandler } from './circuit-quote-reply.handler';
import { CircuitQuotes } from './circuit-quotes';
import { CircuitQuotesController } from './circuit-quotes.controller';
import { CircuitQuotesMetrics } from './circuit-quotes.metrics';
import { CircuitQuotesService } from './circuit-quotes.service';
import { QUOTE_TIMEOUTS } from './timeout/quote-timeout-queues';
import { QuoteTimeoutChecker } from './timeout/quote-timeout.checker';
import { QuoteTimeoutJob } from './timeout/quote-timeout.job';

/** Home city: quotes before order, combined from the charges each segment node returns, timed out when one is silent. */
@Module({
  imports: [
    CustomersModule,
    CustomerCircuitsModule,
    AuditModule,
    BullModule.registerQueue({ name: QUOTE_TIMEOUTS.queue }),
  ],
  controllers: [CircuitQuotesController],
  providers: [
    CircuitQuotes,
    CircuitQuotesService,
    CircuitQuoteReplyHandler,
    CircuitQuotesMetrics,
    QuoteTimeoutChecker,
    QuoteTimeoutJob,
    // A reconcile pass every `slaReconcileIntervalMs`, the one-stop timers' interval (and one at boot).
    ...durableDeadlines<OneStopOptions>({
      names: QUOTE_TIMEOUTS,
      kind: QuoteTimeoutChecker,
      options: ONE_STOP_OPTIONS,
      everyMs: (options) => options.slaReconcileIntervalMs,
    }),
  ],
  exports: [CircuitQuotes],
})
export class CircuitQuotesModule {}
