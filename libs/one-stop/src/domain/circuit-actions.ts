/**
 * TMF641 order item actions as one-stop uses them (ADR 0038): `add` a new circuit, `modify` a
 * circuit in service (bandwidth, or one end moved to another site of the same city), `delete`
 * (cease: 拆机) it on a requested date.
 */
export const CIRCUIT_ACTIONS = ['add', 'modify', 'delete'] as const;
export type CircuitAction = (typeof CIRCUIT_ACTIONS)[number];

export function isCircuitAction(value: unknown): value is CircuitAction {
  return typeof value === 'string' && (CIRCUIT_ACTIONS as readonly string[]).includes(value);
}

/** A circuit is in service from its first completion until it is ceased. */
export const CIRCUIT_STATES = ['inService', 'ceased'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];
