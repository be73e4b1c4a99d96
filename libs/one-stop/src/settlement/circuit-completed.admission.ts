import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { CircuitCompleted } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { isCalendarDate, shanghaiDate } from '@kaf/platform';
import { type CircuitAction, isCircuitAction } from '../domain/circuit-actions';
import { isCircuitProduct } from '../domain/circuit-products';
import { homeCitySenderRefusal, UUID } from '../domain/home-city-sender';
import { planSegments, type SegmentPlan, SegmentPlanError } from '../domain/segment-plan';

/** A circuit version as the national node keeps it, older senders' blanks filled in. */
export interface AdmittedVersion {
  plan: SegmentPlan;
  circuitId: string;
  version: number;
  action: CircuitAction;
  effectiveDate: string;
  completedAt: Date;
}

export type CircuitAdmission = { admitted: AdmittedVersion } | { refusal: string };

/** What a version must agree with: the circuit as registered at the national node. */
export interface RegisteredCircuit {
  home_node: string;
  customer_id: string;
  product: string;
  a_end_node: string;
  z_end_node: string;
  /** The version of its cease, if it has one. */
  ceased_version: number | null;
}

const MAX_VERSION = 2 ** 31 - 1;

/**
 * Checks a CircuitCompleted at the national node: only the order's home city registers its
 * circuit, the ends must be cities of the federation, the transit node the one the topology
 * gives (the settlement regions come from it), and the charges whole fen, not negative. Blanks of
 * older senders: circuit_id → the order id, version 0 → 1, action → add, effective_date → the
 * Shanghai date of completed_at. The first version is an `add`, every later one a change or the
 * cease.
 */
export function admitCompletedCircuit(
  circuit: CircuitCompleted,
  source: string,
  topology: Topology,
): CircuitAdmission {
  const sender = homeCitySenderRefusal(topology, source, circuit.homeNode, 'completed circuit');
  if (sender) return { refusal: sender };
  const circuitId = circuit.circuitId || circuit.orderId;
  const version = circuit.circuitVersion || 1;
  const what = `circuit ${JSON.stringify(circuitId)} version ${version}`;
  if (!UUID.test(circuit.orderId)) return { refusal: `${what}: order_id is not a UUID` };
  if (!UUID.test(circuitId)) return { refusal: `${what}: circuit_id is not a UUID` };
  if (version > MAX_VERSION) return { refusal: `${what}: circuit_version is out of range` };
  const action = circuit.action || 'add';
  if (!isCircuitAction(action)) {
    return { refusal: `${what}: action ${JSON.stringify(action)} is not add, modify or delete` };
  }
  if ((action === 'add') !== (version === 1)) {
    return { refusal: `${what}: version 1 is the circuit's add and only it, not ${action}` };
  }
  if (!UUID.test(circuit.customerId)) return { refusal: `${what}: customer_id is not a UUID` };
  if (!isCircuitProduct(circuit.product)) {
    return { refusal: `${what}: product ${JSON.stringify(circuit.product)} is unknown` };
  }
  if (circuit.bandwidthMbps < 1 || circuit.bandwidthMbps > 2 ** 31 - 1) {
    return { refusal: `${what}: bandwidth ${circuit.bandwidthMbps} is out of range` };
  }
  let plan: SegmentPlan;
  try {
    plan = planSegments(topology, circuit.aEndNode, circuit.zEndNode);
  } catch (error) {
    if (error instanceof SegmentPlanError) return { refusal: `${what}: ${error.message}` };
    throw error;
  }
  if ((circuit.transitNode || undefined) !== plan.transitNode) {
    return {
      refusal: `${what}: transit node ${JSON.stringify(circuit.transitNode)} is not ${plan.transitNode ?? 'empty'} as the topology has it`,
    };
  }
  if (circuit.monthlyChargeFen < 0n || circuit.oneTimeChargeFen < 0n) {
    return { refusal: `${what}: charges cannot be negative` };
  }
  if (!circuit.completedAt) return { refusal: `${what}: completed_at is missing` };
  const completedAt = timestampDate(circuit.completedAt);
  const effectiveDate = circuit.effectiveDate || shanghaiDate(completedAt);
  if (!isCalendarDate(effectiveDate)) {
    return { refusal: `${what}: effective_date ${JSON.stringify(effectiveDate)} is not a YYYY-MM-DD date` };
  }
  return { admitted: { plan, circuitId, version, action, effectiveDate, completedAt } };
}

/**
 * Why a new version cannot belong to the circuit registered under its id, or undefined: a change
 * comes from the circuit's home city, for its customer and product, between the same two cities
 * (a relocation moves an end within its city, so the regions that settle it stay the same); a
 * ceased circuit takes no later version, nor a second cease.
 */
export function versionConflict(
  circuit: CircuitCompleted,
  admitted: AdmittedVersion,
  registered: RegisteredCircuit,
): string | undefined {
  const what = `circuit ${admitted.circuitId} version ${admitted.version}`;
  const differs = (field: string, was: string, is: string) =>
    `${what}: ${field} ${JSON.stringify(is)} differs from the circuit's ${JSON.stringify(was)}`;
  if (circuit.homeNode !== registered.home_node) {
    return differs('home node', registered.home_node, circuit.homeNode);
  }
  if (circuit.customerId !== registered.customer_id) {
    return differs('customer', registered.customer_id, circuit.customerId);
  }
  if (circuit.product !== registered.product) return differs('product', registered.product, circuit.product);
  if (circuit.aEndNode !== registered.a_end_node) {
    return differs('A-end city', registered.a_end_node, circuit.aEndNode);
  }
  if (circuit.zEndNode !== registered.z_end_node) {
    return differs('Z-end city', registered.z_end_node, circuit.zEndNode);
  }
  const ceased = registered.ceased_version;
  if (ceased !== null && (admitted.action === 'delete' || admitted.version > ceased)) {
    return `${what}: the circuit was ceased by version ${ceased}`;
  }
  return undefined;
}
