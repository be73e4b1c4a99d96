// Test entry point (@kaf/rollups/testing): the revenue planner, driven directly against a real
// database by the integration suites.
export { type RevenueQuery } from './analytics/revenue.query';
export { RevenueService } from './analytics/revenue.service';
