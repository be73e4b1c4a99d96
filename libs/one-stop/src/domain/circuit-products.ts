import { productsOf, type ProductOfFamily } from '@kaf/catalogue';

/** Dedicated-circuit products a one-stop order can be for: the catalogue's circuit family. */
export const CIRCUIT_PRODUCTS = productsOf('circuit');
export type CircuitProduct = ProductOfFamily<'circuit'>;

export function isCircuitProduct(value: unknown): value is CircuitProduct {
  return typeof value === 'string' && (CIRCUIT_PRODUCTS as readonly string[]).includes(value);
}

/** Bandwidth bounds an order may ask for, in Mbps. */
export const MIN_BANDWIDTH_MBPS = 1;
export const MAX_BANDWIDTH_MBPS = 100_000;
