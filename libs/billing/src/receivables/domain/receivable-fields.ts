import { addDays, isCalendarDate, shanghaiDate } from '@kaf/platform';
import type { ValidationError } from 'class-validator';
import { usageAmountProblem } from '../../domain/usage-amount';

/** The earliest day a bill may fall due or a payment be made: the first day the ledger books. */
export const FIRST_RECEIVABLE_DAY = '2000-01-01';

/**
 * Why `value` is not an amount of a bill or payment, or undefined. The bounds are usage's; a
 * negative amount replaces an original (a credit note, a reversed payment), so only a correction
 * may carry one.
 */
export function receivableAmountProblem(value: unknown, correction: boolean): string | undefined {
  const problem = usageAmountProblem(value);
  if (problem) return problem;
  if (!correction && (value as string).startsWith('-')) {
    return 'must not be negative unless the event corrects an earlier one (supersedes)';
  }
  return undefined;
}

/** Why `value` is not a real calendar day from 2000-01-01, or undefined. */
export function calendarDayProblem(value: unknown): string | undefined {
  if (!isCalendarDate(value)) return 'must be a calendar date as YYYY-MM-DD that exists, e.g. 2026-06-15';
  if (value < FIRST_RECEIVABLE_DAY) return `must not be before ${FIRST_RECEIVABLE_DAY}`;
  return undefined;
}

/** The last day a payment may be dated at `now`: tomorrow in Shanghai, for a source a few hours ahead. */
export function latestPaymentDay(now: Date): string {
  return addDays(shanghaiDate(now), 1);
}

export function validationMessages(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
}

/** Adds `field: problem` unless the DTO already named the field. */
export function addProblem(problems: string[], field: string, problem: string | undefined): void {
  if (problem && !problems.some((p) => p.startsWith(`${field}:`))) problems.push(`${field}: ${problem}`);
}
