import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { type WorkingCalendarPublished, WorkingCalendarPublishedSchema } from '@kaf/contracts';
import { defineDocument } from '@kaf/documents';
import { type CalendarYear, calendarProblems, isCalendarYearKey } from './working-calendar.rules';

/**
 * The national working-day calendar: one key per year (`2027`), each that year's statutory
 * holidays and make-up working days (调休), as the State Council announces them late in the year
 * before. Every node keeps it: working-day SLA clocks stand still on the days it takes off (ADR 0044).
 */
export const WORKING_CALENDAR_DOCUMENT = defineDocument({
  name: 'working-calendar',
  issuerTier: 'national',
  audience: {},
  schema: WorkingCalendarPublishedSchema,
  problem: (body, key) => {
    if (!isCalendarYearKey(key) || body.year !== Number(key)) {
      return `year ${body.year} under key ${JSON.stringify(key)} is not a calendar year`;
    }
    const problems = calendarProblems(calendarYearOf(body));
    return problems.length > 0 ? problems.map((p) => `${p.field} ${p.message}`).join('; ') : undefined;
  },
});

export function toCalendarBody(calendar: CalendarYear, updatedAt: Date): WorkingCalendarPublished {
  return create(WorkingCalendarPublishedSchema, {
    year: calendar.year,
    holidays: calendar.holidays,
    makeUpWorkdays: calendar.makeUpWorkdays,
    updatedAt: timestampFromDate(updatedAt),
  });
}

export function calendarYearOf(body: WorkingCalendarPublished): CalendarYear {
  return { year: body.year, holidays: [...body.holidays], makeUpWorkdays: [...body.makeUpWorkdays] };
}

export function calendarUpdatedAt(body: WorkingCalendarPublished, publishedAt: Date): Date {
  return body.updatedAt ? timestampDate(body.updatedAt) : publishedAt;
}
