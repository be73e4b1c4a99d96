// Usage rollups above the city: the province's detail and cube, the national cube, analytics,
// and reconciliation.
export * from './national-rollups.module';
export * from './province-rollups.module';
export { ROLLUPS_ENTITIES, ROLLUPS_MIGRATIONS } from './persistence';
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
export { requireMonths } from './slices/parent-request';
