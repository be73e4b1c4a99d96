import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { CircuitOrderStatus, CircuitSlaBreached } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { isCircuitProduct } from '../domain/circuit-products';
import { homeCitySenderRefusal, INT64_MAX, UUID } from '../domain/home-city-sender';
import { isOrderState } from '../domain/order-states';
import { planSegments, SegmentPlanError, type SegmentPlan } from '../domain/segment-plan';
import { isSegmentRole } from '../domain/segment-roles';
import { SEGMENT_STATES } from '../domain/segment-states';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What a coordinator may store of an order status, or why it must refuse it. */
export type StatusAdmission = { plan: SegmentPlan } | { refusal: string };

/**
 * Checks a CircuitOrderStatus at node `self`: it must come from the order's home city, this node
 * must be the order's coordinator (the province when both ends are in it, else the national
 * node), and every field must fit what the coordinator stores.
 */
export function admitOrderStatus(
  status: CircuitOrderStatus,
  source: string,
  self: string,
  topology: Topology,
): StatusAdmission {
  const sender = homeCitySenderRefusal(topology, source, status.homeNode, 'order status');
  if (sender) return { refusal: sender };
  let plan: SegmentPlan;
  try {
    plan = planSegments(topology, status.aEndNode, status.zEndNode);
  } catch (error) {
    if (error instanceof SegmentPlanError) return { refusal: `order ${status.orderId}: ${error.message}` };
    throw error;
  }
  if (plan.coordinator !== self) {
    return { refusal: `order ${status.orderId} is coordinated by ${plan.coordinator}, not ${self}` };
  }
  const refusal = statusFieldsRefusal(status, plan);
  return refusal ? { refusal } : { plan };
}

function statusFieldsRefusal(status: CircuitOrderStatus, plan: SegmentPlan): string | undefined {
  const what = `order status ${JSON.stringify(status.orderId)}`;
  if (!UUID.test(status.orderId)) return `${what}: order_id is not a UUID`;
  if (!UUID.test(status.customerId)) return `${what}: customer_id is not a UUID`;
  if (status.version < 1n || status.version > INT64_MAX)
    return `${what}: version ${status.version} is out of range`;
  if (!isOrderState(status.state)) return `${what}: state ${JSON.stringify(status.state)} is unknown`;
  if (!isCircuitProduct(status.product))
    return `${what}: product ${JSON.stringify(status.product)} is unknown`;
  if (
    !Number.isInteger(status.bandwidthMbps) ||
    status.bandwidthMbps < 1 ||
    status.bandwidthMbps > 2 ** 31 - 1
  ) {
    return `${what}: bandwidth ${status.bandwidthMbps} is out of range`;
  }
  if ((status.transitNode || undefined) !== plan.transitNode) {
    return `${what}: transit node ${JSON.stringify(status.transitNode)} is not ${plan.transitNode ?? 'empty'} as the topology has it`;
  }
  if (status.monthlyChargeFen < 0n) return `${what}: monthly charge ${status.monthlyChargeFen} is negative`;
  for (const [field, value] of [
    ['requested_date', status.requestedDate],
    ['expected_completion_date', status.expectedCompletionDate],
  ] as const) {
    if (value !== '' && !isCalendarDate(value))
      return `${what}: ${field} ${JSON.stringify(value)} is not YYYY-MM-DD`;
  }
  if (!status.changedAt) return `${what}: changed_at is missing`;
  const ids = new Set<string>();
  for (const segment of status.segments) {
    if (!UUID.test(segment.segmentId))
      return `${what}: segment id ${JSON.stringify(segment.segmentId)} is not a UUID`;
    if (ids.has(segment.segmentId)) return `${what}: segment ${segment.segmentId} is listed twice`;
    ids.add(segment.segmentId);
    if (!isSegmentRole(segment.role))
      return `${what}: segment role ${JSON.stringify(segment.role)} is unknown`;
    if (!(SEGMENT_STATES as readonly string[]).includes(segment.state)) {
      return `${what}: segment state ${JSON.stringify(segment.state)} is unknown`;
    }
    if (segment.attempt < 1) return `${what}: segment ${segment.segmentId} has attempt ${segment.attempt}`;
  }
  return undefined;
}

/**
 * Checks a CircuitSlaBreached at node `self`. `known` is the order as stored here, when its status
 * has arrived: then the sender must be its home city. A breach may come before any status (the
 * home city's first status was refused or is being replayed); the checks that need the order's
 * ends then fall back on the segment: a transit segment must be carried by this node, an end
 * segment by a city this node can coordinate.
 */
export function breachRefusal(
  breach: CircuitSlaBreached,
  source: string,
  self: string,
  topology: Topology,
  known: { homeNode: string } | undefined,
): string | undefined {
  const what = `SLA breach ${JSON.stringify(breach.escalationId)}`;
  const sender = homeCitySenderRefusal(topology, source, breach.homeNode, 'SLA breach');
  if (sender) return sender;
  for (const [field, value] of [
    ['escalation_id', breach.escalationId],
    ['order_id', breach.orderId],
    ['segment_id', breach.segmentId],
  ] as const) {
    if (!UUID.test(value)) return `${what}: ${field} is not a UUID`;
  }
  if (breach.attempt < 1) return `${what}: attempt ${breach.attempt} is out of range`;
  if (!isSegmentRole(breach.role)) return `${what}: role ${JSON.stringify(breach.role)} is unknown`;
  if (!breach.breachedAt) return `${what}: breached_at is missing`;
  if (!topology.find(breach.nodeCode))
    return `${what}: segment node ${breach.nodeCode} is not in the federation`;
  if (known) {
    return known.homeNode === source
      ? undefined
      : `${what}: order ${breach.orderId} belongs to ${known.homeNode}, not ${source}`;
  }
  return unreportedSegmentRefusal(what, breach.role, breach.nodeCode, self, topology);
}

/**
 * Whether a late segment of an order not reported here yet can be one this node `self`
 * coordinates, judged by the segment: a transit must be carried by this node, an end segment by a
 * city this node can coordinate. Why not, or undefined.
 */
export function unreportedSegmentRefusal(
  what: string,
  role: string,
  nodeCode: string,
  self: string,
  topology: Topology,
): string | undefined {
  const node = topology.find(nodeCode);
  if (!node) return `${what}: segment node ${nodeCode} is not in the federation`;
  if (role === 'transit') {
    return nodeCode === self ? undefined : `${what}: the transit is carried by ${nodeCode}, not ${self}`;
  }
  const selfNode = topology.find(self);
  const coordinates = node.tier === 'city' && (selfNode?.tier === 'national' || node.parent === self);
  return coordinates ? undefined : `${what}: segment node ${nodeCode} is not one ${self} coordinates`;
}

/** The instant of a protobuf timestamp, or null when absent. */
export function instantOf(value: Parameters<typeof timestampDate>[0] | undefined): Date | null {
  return value ? timestampDate(value) : null;
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    year <= 2999 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
