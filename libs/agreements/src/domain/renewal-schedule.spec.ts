import { addDays, isCalendarDate, shanghaiDate, shanghaiMidnight } from '@kaf/platform';
import {
  reminderDate,
  reminderFireAt,
  reminderTermsOf,
  renewalDeadlineId,
  renewalTaskKey,
} from './renewal-schedule';

describe('renewal reminder timing in Asia/Shanghai', () => {
  it('fires at 00:00 Shanghai, which is 16:00 UTC the day before', () => {
    const fireAt = reminderFireAt({ endDate: '2026-12-31', reminderDays: 30 });
    expect(fireAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(reminderDate({ endDate: '2026-12-31', reminderDays: 30 })).toBe('2026-12-01');
  });

  it('counts back across month, year and leap-day boundaries', () => {
    expect(reminderDate({ endDate: '2028-03-01', reminderDays: 1 })).toBe('2028-02-29');
    expect(reminderDate({ endDate: '2027-03-01', reminderDays: 1 })).toBe('2027-02-28');
    expect(reminderDate({ endDate: '2027-01-15', reminderDays: 365 })).toBe('2026-01-15');
    expect(reminderFireAt({ endDate: '2027-01-01', reminderDays: 1 }).toISOString()).toBe(
      '2026-12-30T16:00:00.000Z',
    );
  });

  it('takes the Shanghai day, not the UTC day, for instants near midnight UTC', () => {
    // 23:30 UTC on 31 Jan is already 07:30 on 1 Feb in Shanghai.
    expect(shanghaiDate(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    // 15:59 UTC is still 23:59 the same day in Shanghai; 16:00 UTC is the next day.
    expect(shanghaiDate(new Date('2026-01-31T15:59:59.999Z'))).toBe('2026-01-31');
    expect(shanghaiDate(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
    expect(shanghaiMidnight('2026-02-01').toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('fires thirty days before the end, at the start of that Shanghai day', () => {
    const fireAt = reminderFireAt({ endDate: '2026-06-30', reminderDays: 30 });
    expect(fireAt.toISOString()).toBe('2026-05-30T16:00:00.000Z');
  });

  it('gives new terms a new deadline id but keeps one task key per end date', () => {
    const base = {
      agreementId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      endDate: '2026-12-31',
      reminderDays: 30,
    };
    const id = renewalDeadlineId(base);
    expect(id).toBe('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.2026-12-31.30d');
    expect(renewalDeadlineId({ ...base, reminderDays: 60 })).not.toBe(id);
    expect(renewalDeadlineId({ ...base, endDate: '2027-12-31' })).not.toBe(id);
    // BullMQ refuses job ids with colons.
    expect(id).not.toContain(':');
    expect(renewalTaskKey(base)).toBe('renewal:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b:2026-12-31');
  });

  it('reads the terms back from a deadline id, and nothing from a job of the old scheduler', () => {
    const base = {
      agreementId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      endDate: '2026-12-31',
      reminderDays: 365,
    };
    expect(reminderTermsOf(renewalDeadlineId(base))).toEqual(base);
    expect(reminderTermsOf(`renewal:${base.agreementId}:2026-12-31.30d`)).toBeUndefined();
    expect(reminderTermsOf(undefined as unknown as string)).toBeUndefined();
    expect(reminderTermsOf('')).toBeUndefined();
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of [
      '2027-02-29',
      '2026-13-01',
      '2026-1-1',
      '2026/01/01',
      '2026-01-01T00:00:00Z',
      20260101,
    ]) {
      expect(isCalendarDate(bad)).toBe(false);
    }
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
