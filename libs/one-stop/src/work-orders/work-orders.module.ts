import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CircuitTariffsModule } from '../tariffs/circuit-tariffs.module';
import { FaultCheckCancelledHandler } from './fault-check-cancelled.handler';
import { FaultCheckRequestedHandler } from './fault-check-requested.handler';
import { SegmentCancelRequestedHandler } from './segment-cancel-requested.handler';
import { SegmentWorkRequestedHandler } from './segment-work-requested.handler';
import { WorkOrderRepository } from './work-order.repository';
import { WorkOrdersController } from './work-orders.controller';
import { WorkOrdersMetrics } from './work-orders.metrics';
import { WorkOrdersService } from './work-orders.service';

/**
 * Every node that can carry a segment (cities for the ends, provinces and the national node for
 * transit): the work orders it runs for home cities' circuit orders.
 */
@Module({
  imports: [AuditModule, CircuitTariffsModule],
  controllers: [WorkOrdersController],
  providers: [
    WorkOrdersMetrics,
    WorkOrderRepository,
    WorkOrdersService,
    SegmentWorkRequestedHandler,
    SegmentCancelRequestedHandler,
    FaultCheckRequestedHandler,
    FaultCheckCancelledHandler,
  ],
})
export class WorkOrdersModule {}
