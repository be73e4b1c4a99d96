import { defineMeasure } from '@kaf/upward-figures';

/**
 * Usage as a measure reported upward. A city reports a cell per customer, product and month
 * (body kaf.billing.v1.CustomerUsageCell, key "customer|product"); a province reports a slice per
 * city and month (body kaf.rollups.v1.UsageRollupSlice, key ""). Totals per city and month:
 * revenue in fen, events in force, and customer × product cells with events (held by the city and
 * the province's detail, not by the national cube).
 */
export const USAGE_MEASURE = defineMeasure({ name: 'usage', totals: ['revenueFen', 'eventCount', 'cells'] });

/** The key of a city's usage cell within its city and month. */
export const usageCellKey = (customerId: string, product: string): string => `${customerId}|${product}`;
