import { create } from '@bufbuild/protobuf';
import { WorkingCalendarPublishedSchema } from '@kaf/contracts';
import { isWorkingDay } from '@kaf/platform';
import { WORKING_CALENDAR_DOCUMENT } from './working-calendar.document';
import { mergedCalendar } from './working-calendar.reader';
import { calendarProblems, checkedCalendar } from './working-calendar.rules';

const topology = undefined as never;

describe('working calendar years', () => {
  it('accepts a year with a festival that spans a weekend and its make-up Saturday', () => {
    const year = {
      year: 2025,
      holidays: ['2025-02-04', '2025-01-28', '2025-02-01'],
      makeUpWorkdays: ['2025-02-08', '2025-01-26'],
    };
    expect(calendarProblems(year)).toEqual([]);
    expect(checkedCalendar(year).holidays).toEqual(['2025-01-28', '2025-02-01', '2025-02-04']);
  });

  it('names a day outside the year, a day in both lists, a repeat and a weekday make-up day', () => {
    const problems = calendarProblems({
      year: 2027,
      holidays: ['2026-12-31', '2027-02-06', '2027-02-06', '2027-02-30'],
      makeUpWorkdays: ['2027-02-06', '2027-02-15'],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'holidays.0',
      'holidays.2',
      'holidays.3',
      'makeUpWorkdays.0',
      'makeUpWorkdays.1',
    ]);
    expect(problems[3]!.message).toMatch(/both a holiday and a make-up/);
    expect(() => checkedCalendar({ year: 1999, holidays: [], makeUpWorkdays: [] })).toThrow(/year/);
  });

  it('refuses on receipt a body filed under another year', () => {
    const body = create(WorkingCalendarPublishedSchema, { year: 2027, holidays: ['2027-01-01'] });
    expect(WORKING_CALENDAR_DOCUMENT.problem!(body, '2027', topology)).toBeUndefined();
    expect(WORKING_CALENDAR_DOCUMENT.problem!(body, '2028', topology)).toMatch(/not a calendar year/);
    const outside = create(WorkingCalendarPublishedSchema, { year: 2027, holidays: ['2028-01-01'] });
    expect(WORKING_CALENDAR_DOCUMENT.problem!(outside, '2027', topology)).toMatch(/holidays.0/);
  });

  it('merges every year in force into one calendar', () => {
    const version = (year: number, holidays: string[], makeUpWorkdays: string[]) => ({
      key: String(year),
      issuer: 'CN',
      override: false,
      version: 1n,
      publishedAt: new Date(),
      body: create(WorkingCalendarPublishedSchema, { year, holidays, makeUpWorkdays }),
    });
    const calendar = mergedCalendar(
      new Map([
        ['2026', version(2026, ['2026-10-01'], ['2026-10-10'])],
        ['2027', version(2027, ['2027-01-01'], [])],
      ]),
    );
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(isWorkingDay('2027-01-01', calendar)).toBe(false);
  });
});
