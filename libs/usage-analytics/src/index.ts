// The analytics API over a node's own cube and detail, served alike by provinces and CN.
export { ProvinceAnalyticsModule } from './province-analytics.module';
export { NationalAnalyticsModule } from './national-analytics.module';
// The conventions of the analytics API, for other analytics served by provinces and CN.
export { reachableCodes } from './analytics-reach';
export { scopeCitiesNarrowerThanNode } from './analytics-scope';
export { IsCommaList, splitList } from '@kaf/platform';
export { resolveMonthRange } from '@kaf/platform';
export type { SqlStatement } from './revenue-plan';
export { CITY_CODE, PROVINCE_CODE } from './revenue.query';
