/** The all-products line of a slice: customer counts are not additive over products. */
export const ALL_PRODUCTS = '*';

/** Industry or grade of a customer whose snapshot has not reached the province yet. */
export const UNKNOWN_ATTRIBUTE = '?';

/** The message key of a slice: every message about one city and month keeps its order. */
export function sliceKey(cityCode: string, billingMonth: string): string {
  return `${cityCode}:${billingMonth}`;
}
