import { Module } from '@nestjs/common';
import { CircuitQuotesModule } from '../quotes/circuit-quotes.module';

/** Home city: circuit orders, the saga that drives their segments, SLA timers and escalation. */
@Module({
  imports: [CircuitQuotesModule],
})
export class CircuitOrdersModule {}
