import { addMonths, billingMonthOf, isBillingMonth } from '@kaf/platform';

/** The first month the ledger accepts: older usage predates every system that could send it. */
export const FIRST_BILLING_MONTH = '2000-01';

/**
 * The latest month the ledger books usage to at `now`: next month, because a cycle may open a few
 * hours early in a billing system's clock.
 */
export function latestBookableMonth(now: Date): string {
  return addMonths(billingMonthOf(now), 1);
}

/** Why `value` is not a billing month usage may be booked to at `now`, or undefined when it is. */
export function billingMonthProblem(value: unknown, now: Date): string | undefined {
  if (!isBillingMonth(value)) return 'must be a month as YYYY-MM, e.g. 2026-05';
  const latest = latestBookableMonth(now);
  if (value < FIRST_BILLING_MONTH || value > latest) {
    return `must be between ${FIRST_BILLING_MONTH} and ${latest}`;
  }
  return undefined;
}
