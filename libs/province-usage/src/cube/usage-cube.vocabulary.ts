/** The all-products line of a slice: customer counts are not additive over products. */
export const ALL_PRODUCTS = '*';

/** Industry or grade of a customer whose snapshot has not reached the province yet. */
export const UNKNOWN_ATTRIBUTE = '?';

/** A slice's name in the dirty list's claims (`city:month`), e.g. to pass over slices held back. */
export function sliceKey(cityCode: string, billingMonth: string): string {
  return `${cityCode}:${billingMonth}`;
}
