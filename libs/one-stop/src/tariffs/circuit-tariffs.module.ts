import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CircuitQuoteRequestHandler } from './circuit-quote-request.handler';
import { CircuitTariffsController } from './circuit-tariffs.controller';
import { CircuitTariffsMetrics } from './circuit-tariffs.metrics';
import { CircuitTariffsService } from './circuit-tariffs.service';

/**
 * Every node that can carry a segment (city ends, province and national transit): its circuit
 * tariff, and answers to quote requests from home cities.
 */
@Module({
  imports: [AuditModule],
  controllers: [CircuitTariffsController],
  providers: [CircuitTariffsService, CircuitTariffsMetrics, CircuitQuoteRequestHandler],
  exports: [CircuitTariffsService],
})
export class CircuitTariffsModule {}
