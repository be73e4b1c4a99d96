import { FieldValidationException, isCalendarDate, isWorkingDay, PLAIN_WEEK } from '@kaf/platform';
import type { FieldProblem } from '../policy/service-policy.rules';

/** The years a calendar may be published for. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

/** One year of the working-day calendar. */
export interface CalendarYear {
  year: number;
  holidays: string[];
  makeUpWorkdays: string[];
}

export const isCalendarYearKey = (key: string): boolean =>
  /^\d{4}$/.test(key) && Number(key) >= MIN_CALENDAR_YEAR && Number(key) <= MAX_CALENDAR_YEAR;

/**
 * Why a year's calendar cannot be in force: every day a real day of that year, none listed twice
 * or in both lists, and a make-up day a Saturday or Sunday. A holiday may fall on a weekend: the
 * announcements list a festival's days whole (2025's Spring Festival: 28 January – 4 February). Checked on PUT (400, naming the field) and by every receiver.
 */
export function calendarProblems(calendar: CalendarYear): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (
    !Number.isInteger(calendar.year) ||
    calendar.year < MIN_CALENDAR_YEAR ||
    calendar.year > MAX_CALENDAR_YEAR
  ) {
    problems.push({ field: 'year', message: `must be a year, ${MIN_CALENDAR_YEAR} … ${MAX_CALENDAR_YEAR}` });
    return problems;
  }
  const holidays = new Set(calendar.holidays);
  const check = (list: 'holidays' | 'makeUpWorkdays', days: readonly string[]) => {
    const seen = new Set<string>();
    days.forEach((day, i) => {
      const field = `${list}.${i}`;
      if (!isCalendarDate(day) || !day.startsWith(`${calendar.year}-`)) {
        problems.push({ field, message: `must be a day of ${calendar.year}, YYYY-MM-DD` });
      } else if (seen.has(day)) {
        problems.push({ field, message: `repeats ${day}` });
      } else if (list === 'makeUpWorkdays' && holidays.has(day)) {
        problems.push({ field, message: `${day} cannot be both a holiday and a make-up working day` });
      } else if (list === 'makeUpWorkdays' && isWorkingDay(day, PLAIN_WEEK)) {
        problems.push({ field, message: `${day} is a weekday: already worked` });
      }
      seen.add(day);
    });
  };
  check('holidays', calendar.holidays);
  check('makeUpWorkdays', calendar.makeUpWorkdays);
  return problems;
}

/** A PUT's year, refused with a 400 naming every faulty field; days sorted, so equal years compare equal. */
export function checkedCalendar(calendar: CalendarYear): CalendarYear {
  const problems = calendarProblems(calendar);
  if (problems.length > 0) throw new FieldValidationException(problems);
  return {
    year: calendar.year,
    holidays: [...calendar.holidays].sort(),
    makeUpWorkdays: [...calendar.makeUpWorkdays].sort(),
  };
}

export function sameCalendar(a: CalendarYear, b: CalendarYear): boolean {
  return (
    JSON.stringify([a.year, a.holidays, a.makeUpWorkdays]) ===
    JSON.stringify([b.year, b.holidays, b.makeUpWorkdays])
  );
}
