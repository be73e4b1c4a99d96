import { FieldValidationException } from '@kaf/platform';
import { MAX_RANGE_MONTHS } from './analytics-vocabulary';
import { monthSpan } from './month-math';
import type { MonthOrRangeQuery } from './top-customers.query';

/** `month`, or `from`/`to` both: one or the other, from ≤ to, at most MAX_RANGE_MONTHS. */
export function resolveMonthRange(query: MonthOrRangeQuery): { from: string; to: string } {
  if (query.month !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new FieldValidationException([{ field: 'month', message: 'give month or from/to, not both' }]);
    }
    return { from: query.month, to: query.month };
  }
  if (query.from === undefined || query.to === undefined) {
    const field =
      query.from === undefined && query.to === undefined ? 'month' : query.from === undefined ? 'from' : 'to';
    throw new FieldValidationException([{ field, message: 'a month, or both from and to, is required' }]);
  }
  if (query.from > query.to) {
    throw new FieldValidationException([{ field: 'to', message: 'must not be before from' }]);
  }
  if (monthSpan(query.from, query.to) > MAX_RANGE_MONTHS) {
    throw new FieldValidationException([
      { field: 'to', message: `the range must not exceed ${MAX_RANGE_MONTHS} months` },
    ]);
  }
  return { from: query.from, to: query.to };
}
