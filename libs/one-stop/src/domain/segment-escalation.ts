import { isOrderFinal, type OrderState } from './order-states';

/**
 * A late circuit segment as an escalation of `@kaf/escalations` (ADR 0045): subject type
 * `circuitSegment`, one subject per segment attempt, raised by the home city to the order's
 * coordinator, the order being the case.
 */
export const SEGMENT_OVERDUE = 'segmentOverdue';

/**
 * Why a segment's escalation was closed: by the home city carrying out the coordinator's
 * request (re-dispatch, cancel), or overtaken by the order (the segment done, a newer attempt,
 * the order final).
 */
export const SEGMENT_ESCALATION_CLOSINGS = [
  'redispatched',
  'cancelled',
  'segmentDone',
  'attemptSuperseded',
  'orderClosed',
] as const;
export type SegmentEscalationClosing = (typeof SEGMENT_ESCALATION_CLOSINGS)[number];

/** The escalation subject of a segment attempt: `<segmentId>/<attempt>`. */
export function segmentSubject(segmentId: string, attempt: number): string {
  return `${segmentId}/${attempt}`;
}

/** The segment attempt a subject names, or undefined when it is not one. */
export function segmentOfSubject(subjectId: string): { segmentId: string; attempt: number } | undefined {
  const match = /^([0-9a-f-]{36})\/([1-9]\d*)$/i.exec(subjectId);
  return match ? { segmentId: match[1]!.toLowerCase(), attempt: Number(match[2]) } : undefined;
}

/**
 * How the order settles the escalation of a segment's `attempt`, if it does: a final order closes
 * all of them, a newer attempt supersedes the late one, a done segment needs no escalation. The
 * same rule at the home city (closing what it raised) and at the coordinator (closing on the
 * order status from the home city), so both ends give the same reason whichever comes first.
 */
export function overtakenBy(
  orderState: OrderState,
  segment: { attempt: number; state: string } | undefined,
  attempt: number,
): Exclude<SegmentEscalationClosing, 'redispatched' | 'cancelled'> | undefined {
  if (isOrderFinal(orderState)) return 'orderClosed';
  if (!segment) return undefined;
  if (segment.attempt > attempt) return 'attemptSuperseded';
  if (segment.attempt === attempt && segment.state === 'done') return 'segmentDone';
  return undefined;
}

/**
 * `overtakenBy` for the escalation of `subjectId`, the order's segments looked up by id: undefined
 * too when the subject is not a segment attempt.
 */
export function subjectOvertakenBy(
  orderState: OrderState,
  segmentOf: (segmentId: string) => { attempt: number; state: string } | undefined,
  subjectId: string,
): ReturnType<typeof overtakenBy> {
  const late = segmentOfSubject(subjectId);
  return late && overtakenBy(orderState, segmentOf(late.segmentId), late.attempt);
}
