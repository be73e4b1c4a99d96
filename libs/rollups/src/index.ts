// Usage rollups above the city: the province's detail and cube, the national cube, analytics,
// and reconciliation.
export * from './national-rollups.module';
export * from './province-rollups.module';
export { ROLLUPS_ENTITIES, ROLLUPS_MIGRATIONS } from './persistence';
export { CubeSummaries, type SqlRunner } from './analytics/summary/cube-summaries';
