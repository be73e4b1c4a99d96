import type { BillingPolicy } from '@kaf/billing-policy';
import type { ValueClass } from '../cube/usage-cube.vocabulary';

/**
 * A customer's value class in one month: high_value when its revenue of all products that month
 * reaches the policy threshold. Derived per month, so a customer can be high_value in one month
 * and standard in the next.
 */
export function valueClassOf(
  monthlyRevenueFen: bigint,
  policy: Pick<BillingPolicy, 'highValueMinMonthlyFen'>,
): ValueClass {
  return monthlyRevenueFen >= policy.highValueMinMonthlyFen ? 'high_value' : 'standard';
}
