import { addMonths, billingMonthOf } from '@kaf/platform';

/** A run covers at most this many months (three years). */
export const MAX_RUN_MONTHS = 36;

/** The default range of a run: the current billing month and the two before it. */
export function defaultRange(now: Date): { from: string; to: string } {
  const to = billingMonthOf(now);
  return { from: addMonths(to, -2), to };
}
