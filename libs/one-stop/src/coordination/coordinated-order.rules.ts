import { isOrderFinal, type OrderState } from '../domain/order-states';
import type { SegmentState } from '../domain/segment-states';
import type { CoordinatedSegment } from './coordinated-circuit-order.entity';

/** Segment states in which the segment's node still has work to do. */
const OPEN_SEGMENT_STATES: readonly SegmentState[] = [
  'dispatched',
  'acknowledged',
  'accepted',
  'inProgress',
  'pending',
];

export function isSegmentOpen(state: string): boolean {
  return (OPEN_SEGMENT_STATES as readonly string[]).includes(state);
}

/** Order states in which a cancellation is already under way at the home city. */
const CANCELLING: readonly OrderState[] = ['assessingCancellation', 'pendingCancellation'];

/** Why a coordinator may not re-dispatch a segment of an order in `state`, or undefined. */
export function redispatchConflict(state: OrderState): string | undefined {
  if (isOrderFinal(state)) return `the order is ${state}`;
  if (CANCELLING.includes(state)) return `the order is ${state}: it is being cancelled`;
  return undefined;
}

/** Why a coordinator may not cancel an order in `state`, or undefined. */
export function cancelConflict(state: OrderState): string | undefined {
  return isOrderFinal(state) ? `the order is ${state}` : undefined;
}

/**
 * The earliest deadline among segments still open, while the order is not final: past it, the
 * order is stuck even before the home city's escalation arrives.
 */
export function nextOpenDeadline(state: OrderState, segments: readonly CoordinatedSegment[]): Date | null {
  if (isOrderFinal(state)) return null;
  let earliest: number | undefined;
  for (const s of segments) {
    if (!isSegmentOpen(s.state) || s.deadline === null) continue;
    const at = Date.parse(s.deadline);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest === undefined ? null : new Date(earliest);
}
