import type { SegmentCancelRequested, SegmentWorkRequested } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { isCircuitAction } from '../domain/circuit-actions';
import { isCircuitProduct, MAX_BANDWIDTH_MBPS, MIN_BANDWIDTH_MBPS } from '../domain/circuit-products';
import { planSegments, SegmentPlanError } from '../domain/segment-plan';
import { isSegmentRole } from '../domain/segment-roles';
import { isCalendarDate } from '@kaf/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Why a segment request cannot even be keyed or answered: the sender may not send it, or the
 * identifiers the reply and the work order hang on are malformed. Such a message is dead-lettered,
 * never stored. Undefined when the request may be handled.
 */
export function workRequestRefusal(
  request: SegmentWorkRequested,
  source: string,
  topology: Topology,
): string | undefined {
  if (topology.find(source)?.tier !== 'city') {
    return `segment work for order ${request.orderId} sent by ${source}, which is not a city node`;
  }
  if (request.homeNode !== source) {
    return `segment work for order ${request.orderId} names home node ${request.homeNode} but was sent by ${source}`;
  }
  return (
    identifierProblem(request) ??
    (UUID.test(request.customerId) ? undefined : 'customer_id is not a UUID') ??
    actionProblem(request)
  );
}

/** A change or cease names the circuit it changes; a cease its last day; no action is unknown. */
function actionProblem(request: SegmentWorkRequested): string | undefined {
  const action = request.action || 'add';
  if (!isCircuitAction(action))
    return `action ${JSON.stringify(action.slice(0, 40))} is not add, modify or delete`;
  if (action !== 'add' && !UUID.test(request.circuitId))
    return `a ${action} must name the circuit: circuit_id is not a UUID`;
  if (action === 'delete' && !isCalendarDate(request.ceaseDate))
    return 'a delete must give its cease_date as YYYY-MM-DD';
  return undefined;
}

/** As `workRequestRefusal`, for a cancel: only a city may cancel, and only with usable ids. */
export function cancelRequestRefusal(
  request: SegmentCancelRequested,
  source: string,
  topology: Topology,
): string | undefined {
  if (topology.find(source)?.tier !== 'city') {
    return `segment cancel for order ${request.orderId} sent by ${source}, which is not a city node`;
  }
  return identifierProblem(request);
}

function identifierProblem(request: {
  orderId: string;
  segmentId: string;
  attempt: number;
}): string | undefined {
  if (!UUID.test(request.orderId)) return 'order_id is not a UUID';
  if (!UUID.test(request.segmentId)) return 'segment_id is not a UUID';
  if (!Number.isInteger(request.attempt) || request.attempt < 1) return 'attempt must be 1 or more';
  // The attempt is stored as a PostgreSQL integer: a larger one could only fail on every retry.
  if (request.attempt > MAX_ATTEMPT) return `attempt must be at most ${MAX_ATTEMPT}`;
  return undefined;
}

const MAX_ATTEMPT = 2_147_483_647;

/**
 * Why this node cannot take the segment at all (it is not the node the plan gives the role, the
 * product or bandwidth is not one a circuit can have, the site is missing or misplaced), or
 * undefined when the request is sound. Such a request is stored rejected and answered
 * `rejected` as its first status; the reasons name node codes and products, never site data.
 */
export function workRequestProblem(
  request: SegmentWorkRequested,
  here: string,
  topology: Topology,
): string | undefined {
  if (!isSegmentRole(request.role)) return `role ${quoted(request.role)} is not a segment role`;
  let plan;
  try {
    plan = planSegments(topology, request.aEndNode, request.zEndNode);
  } catch (error) {
    if (error instanceof SegmentPlanError) return `${error.field}: ${error.message}`;
    throw error;
  }
  const planned = plan.segments.find((s) => s.role === request.role);
  if (!planned) return `a circuit with both ends in ${request.aEndNode} has no transit segment`;
  if (planned.nodeCode !== here) {
    return `the ${request.role} segment of a circuit ${request.aEndNode}–${request.zEndNode} belongs to ${planned.nodeCode}, not ${here}`;
  }
  if (request.role === 'transit') {
    if (request.site) return 'a transit segment carries no site';
  } else {
    if (!request.site) return `the ${request.role} segment needs its site`;
    if (request.site.nodeCode !== here) {
      return `the ${request.role} site is at ${request.site.nodeCode || '(no node)'}, not ${here}`;
    }
    if (request.site.address.trim() === '') return `the ${request.role} site has no address`;
  }
  if (!isCircuitProduct(request.product)) {
    return `product ${quoted(request.product)} is not a circuit product`;
  }
  if (request.bandwidthMbps < MIN_BANDWIDTH_MBPS || request.bandwidthMbps > MAX_BANDWIDTH_MBPS) {
    return `bandwidth ${request.bandwidthMbps} Mbps is outside ${MIN_BANDWIDTH_MBPS}–${MAX_BANDWIDTH_MBPS}`;
  }
  if (request.deadline && deadlineOf(request) === null)
    return 'the deadline is not a time between 2000 and 2999';
  if (request.requestedDate !== '' && !isCalendarDate(request.requestedDate)) {
    return `requested date ${quoted(request.requestedDate)} is not a calendar date YYYY-MM-DD`;
  }
  return undefined;
}

/** The segment's deadline, or null when absent or not a time a work order can hold. */
export function deadlineOf(request: SegmentWorkRequested): Date | null {
  if (!request.deadline) return null;
  const ms = Number(request.deadline.seconds) * 1000 + Math.floor(request.deadline.nanos / 1e6);
  return ms >= Date.UTC(2000, 0, 1) && ms < Date.UTC(3000, 0, 1) ? new Date(ms) : null;
}

/** A value echoed in a reason, cut short: reasons travel back and are shown to staff. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}
