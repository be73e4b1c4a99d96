import { isOrderFinal, type OrderState } from './order-states';
import type { SegmentRole } from './segment-roles';
import type { SegmentState } from './segment-states';

/** A segment's current attempt, as the order's derivation needs it. */
export interface SegmentProgress {
  id: string;
  role: SegmentRole;
  nodeCode: string;
  state: SegmentState;
  /** The node refused the segment on receipt: its first status was `rejected`, never acknowledged. */
  refusedOnReceipt: boolean;
  reason: string | null;
  /** `YYYY-MM-DD` the node expects to be done by, once it has accepted. */
  expectedCompletionDate: string | null;
}

/** What the order becomes after a change to its segments (or a resume). */
export interface OrderProgress {
  state: OrderState;
  /**
   * Why the order is in its state (`failed`, `rejected`: the failing segments; `pending`: the
   * waiting ones); null clears it, undefined keeps the stored one.
   */
  reason: string | null | undefined;
  /** Latest expected date of the segments; undefined keeps the stored one. */
  expectedCompletionDate: string | null | undefined;
  /** Segments to cancel now (compensation): open or done ones of an order that just failed. */
  compensate: readonly string[];
  /** The order has just completed: record the circuit, tell the national node. */
  completed: boolean;
}

const OPEN: readonly SegmentState[] = ['dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending'];
const STARTED: readonly SegmentState[] = ['accepted', 'inProgress', 'pending', 'done'];

/** Waiting for the node or being worked on: a cancel or an SLA timer still concerns it. */
export function isSegmentOpen(state: SegmentState): boolean {
  return OPEN.includes(state);
}

/** Nothing more will happen to the segment's attempt (a `done` one can still be released). */
export function isSegmentEnded(state: SegmentState): boolean {
  return state === 'cancelled' || state === 'rejected' || state === 'failed';
}

/** `"<role> at <node>: <reason>"`, the way an order names a segment's problem. */
export function segmentReason(segment: Pick<SegmentProgress, 'role' | 'nodeCode' | 'reason'>): string {
  return `${segment.role} at ${segment.nodeCode}: ${segment.reason || 'no reason given'}`;
}

/**
 * The order state that follows from its segments (TMF641 names), with the saga's reactions.
 * Pure: the caller applies the result (history, compensation, completion, messages).
 *
 * - A final order changes no more; in a cancellation it becomes `cancelled` once every segment
 *   has ended (cancelled, or had already been rejected or failed).
 * - A rejected or failed segment fails the order (`rejected` when the node refused it on
 *   receipt), whatever else holds, even `held`; every other open or done segment is compensated.
 * - A held order stays held until resumed.
 * - Every segment done: `completed`. Then `pending` when one waits on the customer, `inProgress`
 *   once one has been accepted, else `acknowledged`. An order never falls back from
 *   `inProgress` to `acknowledged`, e.g. when a segment is re-dispatched.
 */
export function deriveOrderProgress(state: OrderState, segments: readonly SegmentProgress[]): OrderProgress {
  const unchanged: OrderProgress = {
    state,
    reason: undefined,
    expectedCompletionDate: undefined,
    compensate: [],
    completed: false,
  };
  if (isOrderFinal(state)) return unchanged;
  if (state === 'assessingCancellation' || state === 'pendingCancellation') {
    return segments.every((s) => isSegmentEnded(s.state)) ? { ...unchanged, state: 'cancelled' } : unchanged;
  }

  const failing = segments.filter((s) => s.state === 'rejected' || s.state === 'failed');
  if (failing.length > 0) {
    return {
      state: failing.some((s) => s.refusedOnReceipt) ? 'rejected' : 'failed',
      reason: failing.map(segmentReason).join('; '),
      expectedCompletionDate: null,
      compensate: segments.filter((s) => isSegmentOpen(s.state) || s.state === 'done').map((s) => s.id),
      completed: false,
    };
  }

  const expectedCompletionDate = latest(segments.map((s) => s.expectedCompletionDate));
  if (state === 'held') return { ...unchanged, expectedCompletionDate };
  if (segments.length > 0 && segments.every((s) => s.state === 'done')) {
    return { state: 'completed', reason: null, expectedCompletionDate, compensate: [], completed: true };
  }
  const waiting = segments.filter((s) => s.state === 'pending');
  if (waiting.length > 0) {
    return {
      state: 'pending',
      reason: waiting.map(segmentReason).join('; '),
      expectedCompletionDate,
      compensate: [],
      completed: false,
    };
  }
  const started =
    state === 'inProgress' || state === 'pending' || segments.some((s) => STARTED.includes(s.state));
  return {
    state: started ? 'inProgress' : 'acknowledged',
    reason: null,
    expectedCompletionDate,
    compensate: [],
    completed: false,
  };
}

function latest(dates: readonly (string | null)[]): string | null {
  let max: string | null = null;
  for (const d of dates) if (d !== null && (max === null || d > max)) max = d;
  return max;
}
