import { BullModule } from '@nestjs/bullmq';
import { CustomerCircuitsModule } from '../circuits/customer-circuits.module';
import { Module } from '@nestjs/common';
import { AuditModule } from '@kaf/audit';
import { CustomersModule } from '@kaf/customers';
import { EscalationsModule } from '@kaf/escalations';
import { durableDeadlines } from '@kaf/platform';
import { ONE_STOP_OPTIONS, type OneStopOptions } from '../one-stop.options';
import { CircuitQuotesModule } from '../quotes/circuit-quotes.module';
import { CircuitTariffsModule } from '../tariffs/circuit-tariffs.module';
import { CircuitOrderLifecycleService } from './api/circuit-order-lifecycle.service';
import { CircuitOrderQueries } from './api/circuit-order.queries';
import { CircuitOrdersController } from './api/circuit-orders.controller';
import { CreateCircuitOrderService } from './api/create-circuit-order.service';
import { CircuitOrderRepository } from './circuit-order.repository';
import { SLA_CHECKS } from './circuit-orders-queues';
import { CircuitOrdersMetrics } from './circuit-orders.metrics';
import { CircuitOrderCancelRequestedHandler } from './saga/circuit-order-cancel-requested.handler';
import { CircuitOrderMessages } from './saga/circuit-order.messages';
import { CircuitOrderSaga } from './saga/circuit-order.saga';
import { CoordinatorRequests } from './saga/coordinator-requests';
import { SegmentRedispatchRequestedHandler } from './saga/segment-redispatch-requested.handler';
import { SegmentStatusChangedHandler } from './saga/segment-status-changed.handler';
import { SegmentEscalations } from './sla/segment-escalations';
import { SlaBreachChecker } from './sla/sla-breach.checker';
import { SlaCheckJob } from './sla/sla-check.job';

/** Home city: circuit orders, the saga that drives their segments, SLA timers and escalation. */
@Module({
  imports: [
    CircuitQuotesModule,
    CustomerCircuitsModule,
    CircuitTariffsModule,
    CustomersModule,
    AuditModule,
    EscalationsModule,
    BullModule.registerQueue({ name: SLA_CHECKS.queue }),
  ],
  controllers: [CircuitOrdersController],
  providers: [
    CircuitOrdersMetrics,
    CircuitOrderRepository,
    CircuitOrderMessages,
    CircuitOrderSaga,
    CircuitOrderQueries,
    CreateCircuitOrderService,
    CircuitOrderLifecycleService,
    SegmentStatusChangedHandler,
    CoordinatorRequests,
    SegmentRedispatchRequestedHandler,
    CircuitOrderCancelRequestedHandler,
    SegmentEscalations,
    SlaBreachChecker,
    SlaCheckJob,
    // A reconcile pass every `slaReconcileIntervalMs` (and one at boot).
    ...durableDeadlines<OneStopOptions>({
      names: SLA_CHECKS,
      kind: SlaBreachChecker,
      options: ONE_STOP_OPTIONS,
      everyMs: (options) => options.slaReconcileIntervalMs,
    }),
  ],
})
export class CircuitOrdersModule {}
