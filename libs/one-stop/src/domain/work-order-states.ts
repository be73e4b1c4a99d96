/**
 * A work order at the node that carries a segment:
 * acknowledged (received) → accepted (resource check passed) | rejected (with reason)
 * accepted → inProgress → done (circuit id, hand-over) | failed (with reason)
 * inProgress ⇄ pending (waiting on the customer, e.g. site access)
 * any open state, and done (the circuit part is released) → cancelled
 */
export const WORK_ORDER_STATES = [
  'acknowledged',
  'accepted',
  'rejected',
  'inProgress',
  'pending',
  'done',
  'failed',
  'cancelled',
] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

export function isWorkOrderState(value: unknown): value is WorkOrderState {
  return typeof value === 'string' && (WORK_ORDER_STATES as readonly string[]).includes(value);
}

const NEXT: Record<WorkOrderState, readonly WorkOrderState[]> = {
  acknowledged: ['accepted', 'rejected', 'cancelled'],
  accepted: ['inProgress', 'failed', 'cancelled'],
  inProgress: ['pending', 'done', 'failed', 'cancelled'],
  pending: ['inProgress', 'failed', 'cancelled'],
  done: ['cancelled'],
  rejected: [],
  failed: [],
  cancelled: [],
};

export function canMoveWorkOrder(from: WorkOrderState, to: WorkOrderState): boolean {
  return NEXT[from].includes(to);
}

/** States after which the work order takes no more work (a done one can still be released). */
export function isWorkOrderClosed(state: WorkOrderState): boolean {
  return state === 'rejected' || state === 'failed' || state === 'cancelled';
}
