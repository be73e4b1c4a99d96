/** Dedicated-circuit products a one-stop order can be for. */
export const CIRCUIT_PRODUCTS = ['digital_circuit', 'ddn', 'mpls_vpn', 'ethernet_private_line'] as const;
export type CircuitProduct = (typeof CIRCUIT_PRODUCTS)[number];

export function isCircuitProduct(value: unknown): value is CircuitProduct {
  return typeof value === 'string' && (CIRCUIT_PRODUCTS as readonly string[]).includes(value);
}

/** Bandwidth bounds an order may ask for, in Mbps. */
export const MIN_BANDWIDTH_MBPS = 1;
export const MAX_BANDWIDTH_MBPS = 100_000;
