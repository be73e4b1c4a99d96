import { addDays, isCalendarDate, shanghaiDate } from '@kaf/platform';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
import { usageAmountProblem } from '../../domain/usage-amount';
import type { ReadEvent } from '../../events/read-event';

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

/** A receivable event's DTO after its decorators ran: the problems so far, and whether it corrects an earlier one. */
export interface CheckedReceivable<D> {
  dto: D;
  problems: string[];
  correction: boolean;
}

/**
 * Reads the batch element at `index` as `Dto`, with the usage reader's contract: a problem becomes
 * a reason naming the fields at fault. `check` adds the kind's own field problems to the
 * decorators'; `event` builds the event of a DTO with none.
 */
export function readReceivable<D extends { eventId: string; supersedes?: string }, E>(
  Dto: ClassConstructor<D>,
  raw: unknown,
  index: number,
  check: (checked: CheckedReceivable<D>) => void,
  event: (dto: D) => E,
): ReadEvent<E> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const problems = ['event: must be a JSON object'];
    return { ok: false, index, eventId: null, reason: problems[0]!, problems };
  }
  const claimedId = (raw as Record<string, unknown>).eventId;
  const eventId = typeof claimedId === 'string' ? claimedId : null;
  const dto = plainToInstance(Dto, raw);
  const problems = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }).flatMap(
    validationMessages,
  );
  const correction = typeof dto.supersedes === 'string' && dto.supersedes.length > 0;
  check({ dto, problems, correction });
  if (problems.length > 0) return { ok: false, index, eventId, reason: problems.join('; '), problems };
  return { ok: true, event: event(dto) };
}

function validationMessages(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`);
}

/** Adds `field: problem` unless the DTO already named the field. */
export function addProblem(problems: string[], field: string, problem: string | undefined): void {
  if (problem && !problems.some((p) => p.startsWith(`${field}:`))) problems.push(`${field}: ${problem}`);
}
