import type { MigrationInterface } from 'typeorm';
import { CoordinatedFaultTicketEntity } from './coordination/coordinated-fault-ticket.entity';
import { CoordinatedCircuitOrderEntity } from './coordination/coordinated-circuit-order.entity';
import { CoordinationRequestEntity } from './coordination/coordination-request.entity';
import { OneStopEscalationEntity } from './coordination/one-stop-escalation.entity';
import { CircuitIdentity1796800000001 } from './migrations/1796800000001-CircuitIdentity';
import { CoordinatedOrderActions1796800000003 } from './migrations/1796800000003-CoordinatedOrderActions';
import { WorkOrderActions1796800000002 } from './migrations/1796800000002-WorkOrderActions';
import { DropOneStopPolicyReplica1796618601112 } from './migrations/1796618601112-DropOneStopPolicyReplica';
import { CircuitVersionsAndCorrections1796810000001 } from './migrations/1796810000001-CircuitVersionsAndCorrections';
import { CreateCircuitOrders1795838307071 } from './migrations/1795838307071-CreateCircuitOrders';
import { CircuitEscalationEntity } from './orders/circuit-escalation.entity';
import { CircuitOrderStateChangeEntity } from './orders/circuit-order-state-change.entity';
import { CircuitOrderEntity } from './orders/circuit-order.entity';
import { CircuitSegmentEntity } from './orders/circuit-segment.entity';
import { CoordinatorRequestEntity } from './orders/coordinator-request.entity';
import { CustomerCircuitVersionEntity } from './circuits/customer-circuit-version.entity';
import { CustomerCircuitEntity } from './circuits/customer-circuit.entity';
import { CreateWorkOrders1795838310654 } from './migrations/1795838310654-CreateWorkOrders';
import { CreateOneStopCoordination1795838432989 } from './migrations/1795838432989-CreateOneStopCoordination';
import { CreateCircuitTariffsQuotesAndPolicy1795838495045 } from './migrations/1795838495045-CreateCircuitTariffsQuotesAndPolicy';
import { CreateOneStopSettlement1795838562078 } from './migrations/1795838562078-CreateOneStopSettlement';
import { GuardRepeatedRedispatch1795842670327 } from './migrations/1795842670327-GuardRepeatedRedispatch';
import { FaultChecks1796950000001 } from './migrations/1796950000001-FaultChecks';
import { MoveSegmentEscalations1796970000005 } from './migrations/1796970000005-MoveSegmentEscalations';
import { QuoteTimeoutsAndModifyQuotes1796820000001 } from './migrations/1796820000001-QuoteTimeoutsAndModifyQuotes';
import { OneStopPolicyEntity } from './policy/one-stop-policy.entity';
import { CircuitQuoteLineEntity } from './quotes/circuit-quote-line.entity';
import { CircuitQuoteEntity } from './quotes/circuit-quote.entity';
import { OneStopCircuitVersionEntity } from './settlement/one-stop-circuit-version.entity';
import { OneStopCircuitEntity } from './settlement/one-stop-circuit.entity';
import { SettlementRecordEntity } from './settlement/settlement-record.entity';
import { SettlementRunEntity } from './settlement/settlement-run.entity';
import { CircuitTariffEntity } from './tariffs/circuit-tariff.entity';
import { WorkOrderStateChangeEntity } from './work-orders/work-order-state-change.entity';
import { WorkOrderEntity } from './work-orders/work-order.entity';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [
  CircuitOrderEntity,
  CircuitSegmentEntity,
  CircuitOrderStateChangeEntity,
  CircuitEscalationEntity,
  CustomerCircuitEntity,
  CustomerCircuitVersionEntity,
  CoordinatorRequestEntity,
  CircuitTariffEntity,
  CircuitQuoteEntity,
  CircuitQuoteLineEntity,
  OneStopPolicyEntity,
  CoordinatedCircuitOrderEntity,
  OneStopEscalationEntity,
  CoordinationRequestEntity,
  CoordinatedFaultTicketEntity,
  OneStopCircuitEntity,
  OneStopCircuitVersionEntity,
  SettlementRunEntity,
  SettlementRecordEntity,
  WorkOrderEntity,
  WorkOrderStateChangeEntity,
];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateCircuitOrders1795838307071,
  CreateWorkOrders1795838310654,
  CreateOneStopCoordination1795838432989,
  CreateCircuitTariffsQuotesAndPolicy1795838495045,
  CreateOneStopSettlement1795838562078,
  GuardRepeatedRedispatch1795842670327,
  DropOneStopPolicyReplica1796618601112,
  CircuitIdentity1796800000001,
  WorkOrderActions1796800000002,
  CoordinatedOrderActions1796800000003,
  CircuitVersionsAndCorrections1796810000001,
  QuoteTimeoutsAndModifyQuotes1796820000001,
  FaultChecks1796950000001,
  MoveSegmentEscalations1796970000005,
];
