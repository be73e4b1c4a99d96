import type { WorkOrderState } from './work-order-states';

/**
 * A segment as the home city sees it: `dispatched` until its node acknowledges, then the work
 * order's state as reported, and `cancelling` between a cancel request and its confirmation.
 */
export const SEGMENT_STATES = [
  'dispatched',
  'acknowledged',
  'accepted',
  'rejected',
  'inProgress',
  'pending',
  'done',
  'failed',
  'cancelling',
  'cancelled',
] as const satisfies readonly (WorkOrderState | 'dispatched' | 'cancelling')[];
export type SegmentState = (typeof SEGMENT_STATES)[number];
