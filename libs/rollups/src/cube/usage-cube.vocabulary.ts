/** The all-products line of a slice: customer counts are not additive over products. */
export const ALL_PRODUCTS = '*';

/** Industry or grade of a customer whose snapshot has not reached the province yet. */
export const UNKNOWN_ATTRIBUTE = '?';

export const VALUE_CLASSES = ['high_value', 'standard'] as const;
export type ValueClass = (typeof VALUE_CLASSES)[number];

const BILLING_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A billing month as the contracts carry it: YYYY-MM. */
export function isBillingMonth(value: string): boolean {
  return BILLING_MONTH.test(value);
}

/** The message key of a slice: every message about one city and month keeps its order. */
export function sliceKey(cityCode: string, billingMonth: string): string {
  return `${cityCode}:${billingMonth}`;
}
