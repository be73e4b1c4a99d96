import type { MigrationInterface } from 'typeorm';
import { CreateCircuitOrders1795838307071 } from './migrations/1795838307071-CreateCircuitOrders';
import { CircuitEscalationEntity } from './orders/circuit-escalation.entity';
import { CircuitOrderStateChangeEntity } from './orders/circuit-order-state-change.entity';
import { CircuitOrderEntity } from './orders/circuit-order.entity';
import { CircuitSegmentEntity } from './orders/circuit-segment.entity';
import { CoordinatorRequestEntity } from './orders/coordinator-request.entity';
import { CustomerCircuitEntity } from './orders/customer-circuit.entity';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [
  // Circuit orders at the home city.
  CircuitOrderEntity,
  CircuitSegmentEntity,
  CircuitOrderStateChangeEntity,
  CircuitEscalationEntity,
  CustomerCircuitEntity,
  CoordinatorRequestEntity,
];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [CreateCircuitOrders1795838307071];
