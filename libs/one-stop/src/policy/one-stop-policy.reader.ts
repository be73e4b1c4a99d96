import type { CircuitProduct } from '../domain/circuit-products';
import type { SegmentRole } from '../domain/segment-roles';

/** SLA of a product's segments, in seconds from dispatch to done. */
export interface SegmentSlaRule {
  product: CircuitProduct;
  endSegmentSeconds: number;
  transitSegmentSeconds: number;
}

/** Replaces the default settlement split for matching circuits; shares in basis points sum to 10,000. */
export interface SettlementOverrideRule {
  /** undefined: any product. */
  product?: CircuitProduct;
  /** undefined: any province. */
  aEndProvince?: string;
  zEndProvince?: string;
  aEndBp: number;
  zEndBp: number;
  transitBp: number;
}

/** The national one-stop policy: segment SLAs by product and settlement shares. */
export interface OneStopPolicy {
  /** Version published by the national node (0: the node's configured defaults). */
  version: bigint;
  slas: SegmentSlaRule[];
  /** Basis points of the monthly charge kept by the transit carrier when there is a transit segment. */
  transitShareBp: number;
  overrides: SettlementOverrideRule[];
  /** Seconds within which every segment node must answer a circuit quote (else the quote is infeasible). */
  quoteReplySeconds: number;
  updatedAt?: Date;
}

/** Reads the policy in force at this node. Injected under `ONE_STOP_POLICY_READER`. */
export interface OneStopPolicyReader {
  current(): Promise<OneStopPolicy>;
}

export const ONE_STOP_POLICY_READER = Symbol('ONE_STOP_POLICY_READER');

const DAY = 24 * 3600;

/** Segment nodes answer a quote from their tariff in the inbox transaction: an hour covers a node's outage. */
export const DEFAULT_QUOTE_REPLY_SECONDS = 3600;

/** Node settings that replace the default SLA of every product (a federation without a published policy; drills). */
export interface OneStopPolicyDefaults {
  endSegmentSeconds?: number;
  transitSegmentSeconds?: number;
  /** Replaces the default time for quote answers (also what a publication without one means here). */
  quoteReplySeconds?: number;
}

export const ONE_STOP_POLICY_DEFAULTS = Symbol('ONE_STOP_POLICY_DEFAULTS');

/** The policy a node applies until the national node has published one. */
export function defaultOneStopPolicy(defaults: OneStopPolicyDefaults = {}): OneStopPolicy {
  const sla = (product: CircuitProduct, endDays: number, transitDays: number): SegmentSlaRule => ({
    product,
    endSegmentSeconds: defaults.endSegmentSeconds ?? endDays * DAY,
    transitSegmentSeconds: defaults.transitSegmentSeconds ?? transitDays * DAY,
  });
  return {
    version: 0n,
    slas: [
      sla('digital_circuit', 10, 7),
      sla('ddn', 10, 7),
      sla('mpls_vpn', 15, 10),
      sla('ethernet_private_line', 15, 10),
    ],
    transitShareBp: 1000,
    overrides: [],
    quoteReplySeconds: defaults.quoteReplySeconds ?? DEFAULT_QUOTE_REPLY_SECONDS,
  };
}

/** Seconds a segment of `product` in `role` has from dispatch to done under `policy`. */
export function slaSecondsOf(policy: OneStopPolicy, product: CircuitProduct, role: SegmentRole): number {
  const rule =
    policy.slas.find((s) => s.product === product) ??
    defaultOneStopPolicy().slas.find((s) => s.product === product);
  if (!rule) throw new Error(`no SLA for product ${product}`);
  return role === 'transit' ? rule.transitSegmentSeconds : rule.endSegmentSeconds;
}
