import { shanghaiInstant } from './business-dates';
import {
  addClockMinutes,
  clockMinutesBetween,
  isWorkingDay,
  PLAIN_WEEK,
  type WorkingCalendar,
} from './working-time';

/** The Spring Festival of 2025 as the State Council set it: eight days off, two make-up days (调休). */
const SPRING_FESTIVAL_2025: WorkingCalendar = {
  holidays: new Set([
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
  ]),
  makeUpWorkdays: new Set(['2025-01-26', '2025-02-08']), // a Sunday and a Saturday
};

const at = shanghaiInstant;
const HOUR = 60;
const DAY = 24 * HOUR;

describe('working days in Asia/Shanghai', () => {
  it('works Monday to Friday and rests at the weekend', () => {
    expect(isWorkingDay('2026-12-04', PLAIN_WEEK)).toBe(true); // Friday
    expect(isWorkingDay('2026-12-05', PLAIN_WEEK)).toBe(false);
    expect(isWorkingDay('2026-12-06', PLAIN_WEEK)).toBe(false);
    expect(isWorkingDay('2026-12-07', PLAIN_WEEK)).toBe(true); // Monday
  });

  it('rests on a weekday holiday and works a make-up Saturday or Sunday', () => {
    expect(isWorkingDay('2025-01-28', SPRING_FESTIVAL_2025)).toBe(false); // Tuesday, New Year's Eve
    expect(isWorkingDay('2025-02-04', SPRING_FESTIVAL_2025)).toBe(false);
    expect(isWorkingDay('2025-01-26', SPRING_FESTIVAL_2025)).toBe(true); // Sunday
    expect(isWorkingDay('2025-02-08', SPRING_FESTIVAL_2025)).toBe(true); // Saturday
    expect(isWorkingDay('2025-02-09', SPRING_FESTIVAL_2025)).toBe(false);
  });

  it('lets a holiday win when a day is wrongly in both lists', () => {
    const both: WorkingCalendar = {
      holidays: new Set(['2026-12-07']),
      makeUpWorkdays: new Set(['2026-12-07']),
    };
    expect(isWorkingDay('2026-12-07', both)).toBe(false);
  });
});

describe('the continuous clock', () => {
  it('counts every minute, weekends and holidays included', () => {
    const start = at('2025-01-27', 20);
    expect(addClockMinutes(start, 4 * HOUR, 'continuous', SPRING_FESTIVAL_2025)).toEqual(at('2025-01-28', 0));
    expect(clockMinutesBetween(start, at('2025-02-05', 20), 'continuous', SPRING_FESTIVAL_2025)).toBe(
      9 * DAY,
    );
  });

  it('adds nothing for zero minutes and measures backwards as negative', () => {
    const start = at('2026-12-05', 10);
    expect(addClockMinutes(start, 0, 'continuous', PLAIN_WEEK)).toEqual(start);
    expect(clockMinutesBetween(at('2026-12-05', 11), start, 'continuous', PLAIN_WEEK)).toBe(-60);
  });
});

describe('the working-day clock', () => {
  it('stops over the weekend', () => {
    const fridayEvening = at('2026-12-04', 22);
    expect(addClockMinutes(fridayEvening, 3 * HOUR, 'workingDays', PLAIN_WEEK)).toEqual(at('2026-12-07', 1));
    expect(clockMinutesBetween(fridayEvening, at('2026-12-07', 1), 'workingDays', PLAIN_WEEK)).toBe(3 * HOUR);
  });

  it('ends a target that uses up a working day exactly at that midnight', () => {
    expect(addClockMinutes(at('2026-12-04', 23), HOUR, 'workingDays', PLAIN_WEEK)).toEqual(
      at('2026-12-05', 0),
    );
    expect(addClockMinutes(at('2026-12-04', 23), HOUR + 1, 'workingDays', PLAIN_WEEK)).toEqual(
      at('2026-12-07', 0, 1),
    );
  });

  it('stands still over the Spring Festival and runs on the make-up days', () => {
    const beforeEve = at('2025-01-27', 20); // Monday before the holiday
    expect(addClockMinutes(beforeEve, DAY, 'workingDays', SPRING_FESTIVAL_2025)).toEqual(
      at('2025-02-05', 20),
    );
    expect(
      clockMinutesBetween(at('2025-01-27', 12), at('2025-02-05', 12), 'workingDays', SPRING_FESTIVAL_2025),
    ).toBe(DAY);
    // Saturday 8 February is worked; Sunday 9 February is not.
    expect(addClockMinutes(at('2025-02-07', 12), DAY, 'workingDays', SPRING_FESTIVAL_2025)).toEqual(
      at('2025-02-08', 12),
    );
    expect(addClockMinutes(at('2025-02-08', 12), DAY, 'workingDays', SPRING_FESTIVAL_2025)).toEqual(
      at('2025-02-10', 12),
    );
    // Sunday 26 January is worked too.
    expect(
      clockMinutesBetween(at('2025-01-25', 0), at('2025-01-27', 0), 'workingDays', SPRING_FESTIVAL_2025),
    ).toBe(DAY);
  });

  it('starts a ticket logged on a holiday at the next working day', () => {
    const onNewYearsDay = at('2025-01-30', 10);
    expect(addClockMinutes(onNewYearsDay, HOUR, 'workingDays', SPRING_FESTIVAL_2025)).toEqual(
      at('2025-02-05', 1),
    );
    expect(
      clockMinutesBetween(onNewYearsDay, at('2025-02-04', 23, 59), 'workingDays', SPRING_FESTIVAL_2025),
    ).toBe(0);
  });

  it('places instants on their Shanghai day, not their UTC day', () => {
    // Monday 02:00 in Shanghai is still Sunday in UTC; it is working time.
    const mondayEarly = new Date('2026-12-06T18:00:00Z');
    expect(addClockMinutes(mondayEarly, 30, 'workingDays', PLAIN_WEEK)).toEqual(
      new Date('2026-12-06T18:30:00Z'),
    );
    // Saturday 00:30 in Shanghai is still Friday in UTC; it is not.
    const saturdayEarly = new Date('2026-12-04T16:30:00Z');
    expect(
      clockMinutesBetween(saturdayEarly, new Date('2026-12-05T12:00:00Z'), 'workingDays', PLAIN_WEEK),
    ).toBe(0);
  });

  it('adds nothing for zero minutes, even on a holiday, and refuses negative or endless minutes', () => {
    const onHoliday = at('2025-01-30', 10);
    expect(addClockMinutes(onHoliday, 0, 'workingDays', SPRING_FESTIVAL_2025)).toEqual(onHoliday);
    expect(clockMinutesBetween(onHoliday, onHoliday, 'workingDays', SPRING_FESTIVAL_2025)).toBe(0);
    expect(() => addClockMinutes(onHoliday, -1, 'workingDays', SPRING_FESTIVAL_2025)).toThrow(RangeError);
    expect(() => addClockMinutes(onHoliday, Number.POSITIVE_INFINITY, 'continuous', PLAIN_WEEK)).toThrow(
      RangeError,
    );
  });

  it('counts fractions of a minute exactly and backwards as negative', () => {
    const start = at('2026-12-07', 9);
    const due = addClockMinutes(start, 0.5, 'workingDays', PLAIN_WEEK);
    expect(due.getTime() - start.getTime()).toBe(30_000);
    expect(clockMinutesBetween(at('2026-12-07', 1), at('2026-12-04', 23), 'workingDays', PLAIN_WEEK)).toBe(
      -2 * HOUR,
    );
  });

  it('walks long spans day by day, not minute by minute', () => {
    const start = at('2025-01-27', 20);
    const tenYearsOfWorkingMinutes = 2_500 * DAY;
    const began = Date.now();
    const due = addClockMinutes(start, tenYearsOfWorkingMinutes, 'workingDays', SPRING_FESTIVAL_2025);
    expect(clockMinutesBetween(start, due, 'workingDays', SPRING_FESTIVAL_2025)).toBe(
      tenYearsOfWorkingMinutes,
    );
    expect(Date.now() - began).toBeLessThan(500);
    expect(due.getTime()).toBeGreaterThan(at('2034-01-01', 0).getTime());
  });

  it('is the inverse of itself from any start', () => {
    const starts = [
      at('2025-01-24', 17, 45),
      at('2025-01-31', 8),
      at('2025-02-08', 23, 59),
      at('2025-02-09', 12),
    ];
    for (const start of starts) {
      for (const minutes of [1, 59, 8 * HOUR, DAY, 3 * DAY + 17, 20 * DAY]) {
        const due = addClockMinutes(start, minutes, 'workingDays', SPRING_FESTIVAL_2025);
        expect(clockMinutesBetween(start, due, 'workingDays', SPRING_FESTIVAL_2025)).toBe(minutes);
        // A minute earlier the target is not yet reached: the due instant is the earliest one.
        const justBefore = new Date(due.getTime() - 60_000);
        expect(clockMinutesBetween(start, justBefore, 'workingDays', SPRING_FESTIVAL_2025)).toBeLessThan(
          minutes,
        );
      }
    }
  });
});
