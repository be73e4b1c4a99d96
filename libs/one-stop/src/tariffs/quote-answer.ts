import type { Topology } from '@kaf/federation';
import { isCircuitProduct, MAX_BANDWIDTH_MBPS, MIN_BANDWIDTH_MBPS } from '../domain/circuit-products';
import { chargesFor, type TariffTerms } from '../domain/circuit-charges';
import { planSegments, SegmentPlanError } from '../domain/segment-plan';
import { isSegmentRole } from '../domain/segment-roles';

/** What a node is asked: the segment it would carry of a circuit between two cities. */
export interface QuoteQuestion {
  role: string;
  product: string;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  /** add ("" from older senders) or modify: a bandwidth change of a circuit in service. */
  action?: string;
}

export interface QuoteAnswer {
  feasible: boolean;
  /** Why not; empty when feasible. */
  reason: string;
  oneTimeFen: bigint;
  monthlyFen: bigint;
  tariffVersion: bigint;
}

const refuse = (reason: string): QuoteAnswer => ({
  feasible: false,
  reason,
  oneTimeFen: 0n,
  monthlyFen: 0n,
  tariffVersion: 0n,
});

/**
 * This node's answer to a quote request: infeasible, with the reason, when the circuit is not
 * one the federation can plan, when the plan gives the segment to another node, when the node
 * has no tariff for the product or the bandwidth is above its maximum; otherwise the charges of
 * its tariff in force (`tariff` is that product's, or null): for a bandwidth change (`modify`)
 * the monthly charge of the new bandwidth and, once, the tariff's change charge.
 */
export function answerQuote(
  question: QuoteQuestion,
  nodeCode: string,
  topology: Topology,
  tariff: (TariffTerms & { version: bigint }) | null,
): QuoteAnswer {
  const { role, product, bandwidthMbps } = question;
  const action = question.action || 'add';
  if (action !== 'add' && action !== 'modify') return refuse(`unknown action ${JSON.stringify(action)}`);
  if (!isSegmentRole(role)) return refuse(`unknown segment role ${JSON.stringify(role)}`);
  if (!isCircuitProduct(product)) return refuse(`unknown circuit product ${JSON.stringify(product)}`);
  if (
    !Number.isInteger(bandwidthMbps) ||
    bandwidthMbps < MIN_BANDWIDTH_MBPS ||
    bandwidthMbps > MAX_BANDWIDTH_MBPS
  ) {
    return refuse(`bandwidth ${bandwidthMbps} Mbps is outside ${MIN_BANDWIDTH_MBPS} … ${MAX_BANDWIDTH_MBPS}`);
  }
  let carrier: string | undefined;
  try {
    carrier = planSegments(topology, question.aEndNode, question.zEndNode).segments.find(
      (s) => s.role === role,
    )?.nodeCode;
  } catch (error) {
    if (error instanceof SegmentPlanError) return refuse(error.message);
    throw error;
  }
  const circuit = `${question.aEndNode} → ${question.zEndNode}`;
  if (carrier === undefined) return refuse(`a circuit ${circuit} has no ${role} segment`);
  if (carrier !== nodeCode) {
    return refuse(
      `node ${nodeCode} does not carry the ${role} segment of a circuit ${circuit}; ${carrier} does`,
    );
  }
  if (!tariff) return refuse(`no circuit tariff for ${product} at node ${nodeCode}`);
  if (bandwidthMbps > tariff.maxBandwidthMbps) {
    return refuse(
      `bandwidth ${bandwidthMbps} Mbps is above node ${nodeCode}'s maximum of ${tariff.maxBandwidthMbps} Mbps for ${product}`,
    );
  }
  return {
    feasible: true,
    reason: '',
    ...chargesFor(tariff, bandwidthMbps, action),
    tariffVersion: tariff.version,
  };
}
