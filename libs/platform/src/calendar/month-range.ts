import { FieldValidationException } from '../errors/domain-error';
import { addMonths, billingMonthOf, monthSpan } from './billing-months';

/** The longest range of months one query may span. */
export const MAX_RANGE_MONTHS = 60;

/** Months a range covers when only one end, or neither, is given: the trailing year. */
export const DEFAULT_RANGE_MONTHS = 12;

/**
 * A range of billing months from `month`, or `from`/`to` (either may be left out: `to` defaults
 * to the current month, `from` to `defaultMonths` - 1 months before `to`), checked: from ≤ to, at most
 * MAX_RANGE_MONTHS. Each refusal names its field.
 */
export function resolveMonthRange(
  query: { month?: string; from?: string; to?: string },
  now = new Date(),
  defaultMonths = DEFAULT_RANGE_MONTHS,
): { from: string; to: string } {
  if (query.month !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new FieldValidationException([{ field: 'month', message: 'give month or from/to, not both' }]);
    }
    return { from: query.month, to: query.month };
  }
  const to = query.to ?? billingMonthOf(now);
  const from = query.from ?? addMonths(to, -(defaultMonths - 1));
  if (from > to) {
    throw new FieldValidationException([
      {
        field: 'to',
        message:
          query.to === undefined
            ? `defaults to the current month ${to}, before from`
            : 'must not be before from',
      },
    ]);
  }
  if (monthSpan(from, to) > MAX_RANGE_MONTHS) {
    throw new FieldValidationException([
      { field: 'to', message: `the range must not exceed ${MAX_RANGE_MONTHS} months` },
    ]);
  }
  return { from, to };
}

/** Comparisons of a range: mom, the previous month (or the preceding range); yoy, a year back. */
export const COMPARISONS = ['mom', 'yoy'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** Months a comparison looks back: one month (or the range's length when months are summed) or a year. */
export function comparisonShift(
  request: { from: string; to: string; groupBy: readonly string[] },
  kind: Comparison,
): number {
  if (kind === 'yoy') return 12;
  return request.groupBy.includes('month') ? 1 : monthSpan(request.from, request.to);
}
