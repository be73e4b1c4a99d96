// Test entry point (@kaf/usage-analytics/testing): the revenue planner, driven directly against a
// real database by the integration suites.
export { type RevenueQuery } from './revenue.query';
export { RevenueService } from './revenue.service';
