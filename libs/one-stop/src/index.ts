// One-stop (一站式) cross-region circuit orders: order and saga at the home city, work orders at
// the nodes carrying segments, coordination and escalation, inter-region settlement.
export * from './one-stop.module';
export * from './one-stop.options';
export { ONE_STOP_ENTITIES, ONE_STOP_MIGRATIONS } from './persistence';
export * from './domain/circuit-products';
export * from './domain/segment-roles';
export * from './domain/order-states';
export * from './domain/work-order-states';
export { settleCircuit, type SettledCircuit, type SettlementLine } from './domain/settlement-split';
export { monthCharge, type CircuitVersionTerms } from './domain/circuit-proration';
export * from './policy/one-stop-policy.reader';
export { ONE_STOP_POLICY_DOCUMENT } from './policy/one-stop-policy.document';
export { CustomerCircuits } from './circuits/customer-circuits';
export { CustomerCircuitsModule } from './circuits/customer-circuits.module';
export * from './circuits/circuit-segments-in-force';
export * from './domain/fault-check-results';
