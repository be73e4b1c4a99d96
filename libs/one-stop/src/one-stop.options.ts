import type { OneStopPolicyDefaults } from './policy/one-stop-policy.reader';

/** Settings of the one-stop capability, from the node's environment (apps/node config). */
export interface OneStopOptions {
  /** How often the home city re-creates lost SLA timers from the database and checks overdue segments. */
  slaReconcileIntervalMs: number;
  /** How long a quote the segment nodes answered stays acceptable, in days. */
  quoteValidDays: number;
  /** National node: how often it checks that every finished month has been settled (0: never). */
  settlementCheckIntervalMs: number;
  /** What replaces the default SLA of every product until the national node publishes a policy. */
  policyDefaults: OneStopPolicyDefaults;
}

export const ONE_STOP_OPTIONS = Symbol('ONE_STOP_OPTIONS');

export const DEFAULT_ONE_STOP_OPTIONS: OneStopOptions = {
  slaReconcileIntervalMs: 60_000,
  quoteValidDays: 30,
  settlementCheckIntervalMs: 3_600_000,
  policyDefaults: {},
};
