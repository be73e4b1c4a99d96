// Reconciliation by totals, run by every parent of usage (a province over its cities, CN over
// the provinces); the children's answering side lives with what they hold (billing, province-usage).
export { UsageReconciliationModule } from './usage-reconciliation.module';
export type { ReconciliationOptions } from './reconciliation.options';
export { USAGE_RECONCILIATION_ENTITIES, USAGE_RECONCILIATION_MIGRATIONS } from './persistence';
