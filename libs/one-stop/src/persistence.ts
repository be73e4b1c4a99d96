import type { MigrationInterface } from 'typeorm';
import { CoordinatedCircuitOrderEntity } from './coordination/coordinated-circuit-order.entity';
import { CoordinationRequestEntity } from './coordination/coordination-request.entity';
import { OneStopEscalationEntity } from './coordination/one-stop-escalation.entity';
import { CreateOneStopCoordination1795838432989 } from './migrations/1795838432989-CreateOneStopCoordination';
import { CreateOneStopSettlement1795838562078 } from './migrations/1795838562078-CreateOneStopSettlement';
import { OneStopCircuitEntity } from './settlement/one-stop-circuit.entity';
import { SettlementRecordEntity } from './settlement/settlement-record.entity';
import { SettlementRunEntity } from './settlement/settlement-run.entity';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [
  CoordinatedCircuitOrderEntity,
  OneStopEscalationEntity,
  CoordinationRequestEntity,
  OneStopCircuitEntity,
  SettlementRunEntity,
  SettlementRecordEntity,
];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateOneStopCoordination1795838432989,
  CreateOneStopSettlement1795838562078,
];
