import { Module } from '@nestjs/common';
import { CircuitQuotes } from './circuit-quotes';

/** Home city: quotes before order, combined from the charges each segment node returns. */
@Module({
  providers: [CircuitQuotes],
  exports: [CircuitQuotes],
})
export class CircuitQuotesModule {}
