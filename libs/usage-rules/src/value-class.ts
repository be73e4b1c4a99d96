/** The value classes a customer-month falls in; the cubes carry one as a dimension. */
export const VALUE_CLASSES = ['high_value', 'standard'] as const;
export type ValueClass = (typeof VALUE_CLASSES)[number];

/**
 * A customer's value class in one month: high_value when its revenue of all products that month
 * reaches the policy threshold. Derived per month, so a customer can be high_value in one month
 * and standard in the next. The city's insights, the province's slices and the analytics all
 * call this one rule, so every tier classes a customer alike.
 */
export function valueClassOf(
  monthlyRevenueFen: bigint,
  policy: { readonly highValueMinMonthlyFen: bigint },
): ValueClass {
  return monthlyRevenueFen >= policy.highValueMinMonthlyFen ? 'high_value' : 'standard';
}
