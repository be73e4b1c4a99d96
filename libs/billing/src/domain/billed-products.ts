import { PRODUCT_CODES, type ProductCode } from '@kaf/catalogue';

/**
 * Product lines upstream billing systems report usage for: the whole catalogue, so usage of a
 * circuit sold through one-stop (ddn, ethernet_private_line, …) is booked under its own code.
 */
export const BILLED_PRODUCTS = PRODUCT_CODES;
export type BilledProduct = ProductCode;
