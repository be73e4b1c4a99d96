/** The parts of the national billing policy that derive classes and signals from revenue. */
export interface BillingPolicy {
  /** Policy version as published by the national node (0: the node's configured defaults). */
  version: bigint;
  /** A customer whose revenue of all products in a month reaches this is high_value that month. */
  highValueMinMonthlyFen: bigint;
  /** Churn risk: a month's revenue below (100 - this)% of the trailing three-month average. */
  churnDropPercent: number;
}

/** Reads the policy in force at this node. Injected under `BILLING_POLICY_READER`. */
export interface BillingPolicyReader {
  current(): Promise<BillingPolicy>;
}

export const BILLING_POLICY_READER = Symbol('BILLING_POLICY_READER');

/** The policy a node applies until the national node has published one. */
export function defaultBillingPolicy(env: NodeJS.ProcessEnv = process.env): BillingPolicy {
  return {
    version: 0n,
    highValueMinMonthlyFen: BigInt(env.USAGE_HIGH_VALUE_MIN_MONTHLY_FEN ?? '5000000'),
    churnDropPercent: Number(env.USAGE_CHURN_DROP_PERCENT ?? '30'),
  };
}
