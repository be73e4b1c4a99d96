import { addDays, shanghaiDate, shanghaiMidnight } from './business-dates';

/**
 * How a service-level clock runs: `continuous` counts every minute (24×7, faults); `workingDays`
 * counts only the minutes of whole Shanghai working days, so a complaint logged on Friday evening
 * does not run late over the weekend or the Spring Festival.
 */
export type SlaClock = 'continuous' | 'workingDays';

export const SLA_CLOCKS: readonly SlaClock[] = ['continuous', 'workingDays'];

/**
 * The statutory holidays and the make-up working days (调休) in force, as Shanghai calendar days
 * `YYYY-MM-DD`. Published nationally one year at a time; an empty calendar means plain Mon–Fri.
 */
export interface WorkingCalendar {
  holidays: ReadonlySet<string>;
  makeUpWorkdays: ReadonlySet<string>;
}

export const PLAIN_WEEK: WorkingCalendar = { holidays: new Set(), makeUpWorkdays: new Set() };

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;

/** Mon–Fri unless a holiday; Sat/Sun only when a make-up working day. A holiday wins over a make-up day. */
export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.makeUpWorkdays.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The earliest instant at which `clock` has counted `minutes` since `start`. On the working-day
 * clock a start outside working time counts from the next working day's 00:00, and a target that
 * uses up a working day exactly ends at that day's midnight. Walks day by day: a year is ~365 steps.
 */
export function addClockMinutes(
  start: Date,
  minutes: number,
  clock: SlaClock,
  calendar: WorkingCalendar,
): Date {
  assertMinutes(minutes);
  let remaining = minutes * MINUTE_MS;
  if (clock === 'continuous' || remaining === 0) return new Date(start.getTime() + remaining);
  let day = shanghaiDate(start);
  let from = start.getTime();
  for (;;) {
    const dayEnd = shanghaiMidnight(day).getTime() + DAY_MS;
    if (isWorkingDay(day, calendar)) {
      const available = dayEnd - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    day = addDays(day, 1);
    from = dayEnd;
  }
}

/**
 * Minutes `clock` counts from `from` to `to`, exact (not rounded); negative when `to` is earlier,
 * so that `clockMinutesBetween(a, b) === -clockMinutesBetween(b, a)`.
 */
export function clockMinutesBetween(
  from: Date,
  to: Date,
  clock: SlaClock,
  calendar: WorkingCalendar,
): number {
  if (to.getTime() < from.getTime()) return -clockMinutesBetween(to, from, clock, calendar);
  if (clock === 'continuous') return (to.getTime() - from.getTime()) / MINUTE_MS;
  const last = shanghaiDate(to);
  let counted = 0;
  let day = shanghaiDate(from);
  let cursor = from.getTime();
  for (;;) {
    const dayEnd = shanghaiMidnight(day).getTime() + DAY_MS;
    const until = Math.min(dayEnd, to.getTime());
    if (isWorkingDay(day, calendar)) counted += until - cursor;
    if (day === last) return counted / MINUTE_MS;
    day = addDays(day, 1);
    cursor = dayEnd;
  }
}

function assertMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`clock minutes must be a finite number ≥ 0, got ${minutes}`);
  }
}
