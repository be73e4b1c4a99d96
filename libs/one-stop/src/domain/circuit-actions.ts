/**
 * TMF641 actions of the order that made a circuit version: the first order (`add`), a change in
 * service (`modify`) or the cease (`delete`).
 */
export const CIRCUIT_ACTIONS = ['add', 'modify', 'delete'] as const;
export type CircuitAction = (typeof CIRCUIT_ACTIONS)[number];

export function isCircuitAction(value: unknown): value is CircuitAction {
  return typeof value === 'string' && (CIRCUIT_ACTIONS as readonly string[]).includes(value);
}
