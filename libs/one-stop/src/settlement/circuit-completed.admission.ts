import type { CircuitCompleted } from '@kaf/contracts';
import type { Topology } from '@kaf/federation';
import { isCircuitProduct } from '../domain/circuit-products';
import { homeCitySenderRefusal, UUID } from '../domain/home-city-sender';
import { planSegments, type SegmentPlan, SegmentPlanError } from '../domain/segment-plan';

export type CircuitAdmission = { plan: SegmentPlan } | { refusal: string };

/**
 * Checks a CircuitCompleted at the national node: only the order's home city registers its
 * circuit, the ends must be cities of the federation, the transit node the one the topology
 * gives (the settlement regions come from it), and the charges whole fen, not negative.
 */
export function admitCompletedCircuit(
  circuit: CircuitCompleted,
  source: string,
  topology: Topology,
): CircuitAdmission {
  const sender = homeCitySenderRefusal(topology, source, circuit.homeNode, 'completed circuit');
  if (sender) return { refusal: sender };
  const what = `completed circuit ${JSON.stringify(circuit.orderId)}`;
  if (!UUID.test(circuit.orderId)) return { refusal: `${what}: order_id is not a UUID` };
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
  return { plan };
}
