/**
 * Churn signals derived from a customer's monthly revenue under the billing policy, shared by the
 * province's top customers and the city's usage insights so both tiers judge alike.
 */
export type ChurnReason = 'revenue_drop' | 'suspended' | 'churned';

export interface ChurnRisk {
  atRisk: boolean;
  reasons: ChurnReason[];
}

/** Whole-fen average of the three months before the month (months without usage count as 0). */
export function trailingAverageFen(trailingThreeMonthsFen: bigint): bigint {
  const negative = trailingThreeMonthsFen < 0n;
  const magnitude = negative ? -trailingThreeMonthsFen : trailingThreeMonthsFen;
  const rounded = (2n * magnitude + 3n) / 6n;
  return negative ? -rounded : rounded;
}

/**
 * revenue_drop: the month's revenue is below (100 - churnDropPercent)% of the average of the
 * three months before it (compared exactly, on the three-month sum, with no rounding); never
 * when that average is not positive. suspended / churned: the customer's lifecycle status.
 */
export function churnRiskOf(input: {
  monthRevenueFen: bigint;
  trailingThreeMonthsFen: bigint;
  status: string | undefined;
  policy: { readonly churnDropPercent: number };
}): ChurnRisk {
  const reasons: ChurnReason[] = [];
  // Percent to basis points so that a fractional policy value is compared exactly.
  const keptBasisPoints = BigInt(Math.round((100 - input.policy.churnDropPercent) * 100));
  if (
    input.trailingThreeMonthsFen > 0n &&
    input.monthRevenueFen * 3n * 10_000n < keptBasisPoints * input.trailingThreeMonthsFen
  ) {
    reasons.push('revenue_drop');
  }
  if (input.status === 'suspended') reasons.push('suspended');
  if (input.status === 'churned') reasons.push('churned');
  return { atRisk: reasons.length > 0, reasons };
}
