// The analytics API over a node's own cube and detail, served alike by provinces and CN.
export { ProvinceAnalyticsModule } from './province-analytics.module';
export { NationalAnalyticsModule } from './national-analytics.module';
// The conventions of the analytics API, for other analytics served by provinces and CN.
export { COMPARISONS, type Comparison, MAX_RANGE_MONTHS } from './analytics-vocabulary';
export { reachableCodes } from './analytics-reach';
export { scopeCitiesNarrowerThanNode } from './analytics-scope';
export { IsCommaList, splitList } from './comma-list';
export { resolveMonthRange } from './month-range';
export { comparisonShift, type SqlStatement } from './revenue-plan';
export { CITY_CODE, MonthRangeQuery, PROVINCE_CODE } from './revenue.query';
