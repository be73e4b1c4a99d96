import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { CircuitQuoteReplyHandler } from './circuit-quote-reply.handler';
import { CircuitQuotes } from './circuit-quotes';
import { CircuitQuotesController } from './circuit-quotes.controller';
import { CircuitQuotesMetrics } from './circuit-quotes.metrics';
import { CircuitQuotesService } from './circuit-quotes.service';

/** Home city: quotes before order, combined from the charges each segment node returns. */
@Module({
  imports: [CustomersModule, AuditModule],
  controllers: [CircuitQuotesController],
  providers: [CircuitQuotes, CircuitQuotesService, CircuitQuoteReplyHandler, CircuitQuotesMetrics],
  exports: [CircuitQuotes],
})
export class CircuitQuotesModule {}
