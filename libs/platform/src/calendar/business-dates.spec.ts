import {
  addDays,
  daysBetween,
  isCalendarDate,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiInstant,
  shanghaiMidnight,
} from './business-dates';

describe('business dates in Asia/Shanghai', () => {
  it('puts an instant on its Shanghai day, not its UTC day', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('starts a day at Shanghai midnight and places a wall-clock time on it', () => {
    expect(shanghaiMidnight('2026-03-01').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiInstant('2026-03-01', 9, 30).toISOString()).toBe('2026-03-01T01:30:00.000Z');
    expect(shanghaiInstant('2026-03-01', 0).getTime()).toBe(shanghaiMidnight('2026-03-01').getTime());
  });

  it('shows an instant as Shanghai wall-clock time with its zone', () => {
    expect(shanghaiDateTime(new Date('2026-05-31T17:30:05.900Z'))).toBe('2026-06-01T01:30:05+08:00');
    expect(Date.parse(shanghaiDateTime(new Date('2026-05-31T17:30:05Z')))).toBe(
      Date.parse('2026-05-31T17:30:05Z'),
    );
  });

  it('counts and moves whole days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('accepts real calendar days only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-01')).toBe(false);
    expect(isCalendarDate(20260201)).toBe(false);
  });
});
