// Usage rollups above the city: the province's detail and cube, the national cube, analytics,
// the billing policy and reconciliation.
export * from './national-rollups.module';
export * from './province-rollups.module';
export type { RollupsOptions } from './rollups.options';
export { ROLLUPS_ENTITIES, ROLLUPS_MIGRATIONS } from './persistence';
export * from './policy/billing-policy.reader';
export * from './policy/billing-policy-replica.module';
export { CubeSummaries, type SqlRunner } from './analytics/summary/cube-summaries';
export {
  churnRiskOf,
  trailingAverageFen,
  valueClassOf,
  type ChurnReason,
  type ChurnRisk,
  type ValueClass,
} from './analytics/usage-signals';
export { arpuFen, divideRounded } from './analytics/money-math';
export { CUBE_PRODUCTS } from './analytics/analytics-vocabulary';
export { requireFromParent, requireMonths } from './slices/parent-request';
