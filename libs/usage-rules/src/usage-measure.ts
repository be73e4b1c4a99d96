/**
 * Usage as a measure reported upward (a `Measure` of @kaf/upward-figures, declared here as plain
 * data so that this leaf imports nothing). A city reports a cell per customer, product and month
 * (body kaf.billing.v1.CustomerUsageCell, key "customer|product"); a province reports a slice per
 * city and month (body kaf.rollups.v1.UsageRollupSlice, key ""). Totals per city and month:
 * revenue in fen, events in force, and customer × product cells with events (held by the city and
 * the province's detail, not by the national cube).
 */
export const USAGE_MEASURE = Object.freeze({
  name: 'usage',
  totals: Object.freeze(['revenueFen', 'eventCount', 'cells'] as const),
});

/** The key of a city's usage cell within its city and month. */
export const usageCellKey = (customerId: string, product: string): string => `${customerId}|${product}`;
