/** The parts of the national billing policy that derive classes and signals from revenue. */
export interface BillingPolicy {
  /** Version as its issuer numbered it: the national node's, or a province's override (0: the configured defaults). */
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

/** The figures a node applies until the national node has published a policy (version 0). */
export interface BillingPolicyDefaults {
  highValueMinMonthlyFen: bigint;
  churnDropPercent: number;
}

export const BILLING_POLICY_DEFAULTS = Symbol('BILLING_POLICY_DEFAULTS');

export function defaultBillingPolicy(defaults: BillingPolicyDefaults): BillingPolicy {
  return { version: 0n, ...defaults };
}
