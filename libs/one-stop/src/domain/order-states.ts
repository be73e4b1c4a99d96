/**
 * TMF641 service order states, as a one-stop circuit order uses them (ADR 0019):
 * - acknowledged: accepted by the home city, segments dispatched;
 * - inProgress: a segment was accepted, none has failed;
 * - pending: a segment waits on the customer;
 * - held: put on hold by the home city or the coordinator (SLA escalations wait);
 * - completed: every segment done; the circuit is recorded on the customer;
 * - failed: a segment was rejected or failed; the others are cancelled (compensation);
 * - rejected: a segment node refused the segment on receipt (it cannot carry the product);
 * - assessingCancellation → pendingCancellation → cancelled: a cancellation in flight;
 * - partial: never entered: compensation releases done segments instead of leaving a circuit
 *   half built.
 */
export const ORDER_STATES = [
  'acknowledged',
  'inProgress',
  'held',
  'pending',
  'completed',
  'failed',
  'partial',
  'cancelled',
  'assessingCancellation',
  'pendingCancellation',
  'rejected',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export function isOrderState(value: unknown): value is OrderState {
  return typeof value === 'string' && (ORDER_STATES as readonly string[]).includes(value);
}

const FINAL: readonly OrderState[] = ['completed', 'failed', 'partial', 'cancelled', 'rejected'];

/** An order in a final state changes no more (its segments may still confirm cancellations). */
export function isOrderFinal(state: OrderState): boolean {
  return FINAL.includes(state);
}
