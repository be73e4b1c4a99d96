import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { EscalationsModule } from '@kaf/escalations';
import { CircuitOrderStatusHandler } from './circuit-order-status.handler';
import { CircuitSlaBreachedHandler } from './circuit-sla-breached.handler';
import { CoordinatedFaultsController } from './coordinated-faults.controller';
import { CoordinatedFaultsService } from './coordinated-faults.service';
import { FaultTicketStatusHandler } from './fault-ticket-status.handler';
import { CoordinatedOrdersController } from './coordinated-orders.controller';
import { CoordinatedOrdersService } from './coordinated-orders.service';
import { CoordinatedOrdersRepository } from './coordinated-orders.repository';
import { CoordinationActionsService } from './coordination-actions.service';
import { CoordinationMetrics } from './coordination.metrics';
import { HeldSegmentEscalations } from './held-segment-escalations';
import { OneStopEscalationsController } from './one-stop-escalations.controller';

/**
 * Province and national node: the orders they coordinate (the province for an order inside it,
 * the national node across provinces), SLA escalations, and re-dispatch and cancel requests to
 * the home city.
 */
@Module({
  imports: [AuditModule, EscalationsModule],
  controllers: [CoordinatedOrdersController, OneStopEscalationsController, CoordinatedFaultsController],
  providers: [
    CoordinatedOrdersRepository,
    CoordinationMetrics,
    CircuitOrderStatusHandler,
    CircuitSlaBreachedHandler,
    CoordinatedOrdersService,
    CoordinationActionsService,
    HeldSegmentEscalations,
    CoordinatedFaultsService,
    FaultTicketStatusHandler,
  ],
})
export class CoordinationModule {}
