// The analytics API over a node's own cube and detail, served alike by provinces and CN.
export { ProvinceAnalyticsModule } from './province-analytics.module';
export { NationalAnalyticsModule } from './national-analytics.module';
