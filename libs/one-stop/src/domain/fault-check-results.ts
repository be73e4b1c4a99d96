/** What a work order is: a segment attempt of a circuit order, or a fault check (ADR 0047). */
export const WORK_ORDER_KINDS = ['provisioning', 'faultCheck'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

/**
 * A segment node's answers to a fault check: found or notFound first; restored after found.
 * The home city applies each (check, result) once.
 */
export const FAULT_CHECK_RESULTS = ['found', 'notFound', 'restored'] as const;
export type FaultCheckResult = (typeof FAULT_CHECK_RESULTS)[number];

export function isFaultCheckResult(value: unknown): value is FaultCheckResult {
  return typeof value === 'string' && (FAULT_CHECK_RESULTS as readonly string[]).includes(value);
}
