import type { MigrationInterface } from 'typeorm';
import { CreateCircuitTariffsQuotesAndPolicy1795838495045 } from './migrations/1795838495045-CreateCircuitTariffsQuotesAndPolicy';
import { OneStopPolicyReplicaEntity } from './policy/one-stop-policy-replica.entity';
import { OneStopPolicyEntity } from './policy/one-stop-policy.entity';
import { CircuitQuoteLineEntity } from './quotes/circuit-quote-line.entity';
import { CircuitQuoteEntity } from './quotes/circuit-quote.entity';
import { CircuitTariffEntity } from './tariffs/circuit-tariff.entity';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [
  CircuitTariffEntity,
  CircuitQuoteEntity,
  CircuitQuoteLineEntity,
  OneStopPolicyEntity,
  OneStopPolicyReplicaEntity,
];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateCircuitTariffsQuotesAndPolicy1795838495045,
];
