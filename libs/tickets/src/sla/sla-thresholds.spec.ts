import { PLAIN_WEEK, type WorkingCalendar } from '@kaf/platform';
import { actionOf, breachReason, stoodStill, THRESHOLDS, thresholdDue } from './sla-thresholds';

// 2026-09-30 is a Wednesday; 1–7 October the National Day holidays, 10 October a make-up Saturday.
const NATIONAL_DAY: WorkingCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  makeUpWorkdays: new Set(['2026-10-10']),
};
const at = (iso: string) => new Date(iso);

describe('SLA thresholds', () => {
  it('falls due at its share of a 24×7 target, later by the minutes the clock stood still', () => {
    const times = {
      clock: 'continuous' as const,
      startedAt: at('2026-09-30T10:00:00+08:00'),
      targetMinutes: 240,
      pausedMinutes: 0,
    };
    expect(thresholdDue(times, 50, PLAIN_WEEK)).toEqual(at('2026-09-30T12:00:00+08:00'));
    expect(thresholdDue(times, 80, PLAIN_WEEK)).toEqual(at('2026-09-30T13:12:00+08:00'));
    expect(thresholdDue(times, 200, PLAIN_WEEK)).toEqual(at('2026-09-30T18:00:00+08:00'));
    expect(thresholdDue({ ...times, pausedMinutes: 30.5 }, 100, PLAIN_WEEK)).toEqual(
      at('2026-09-30T14:30:30+08:00'),
    );
  });

  it('counts working days only on a working-day clock, over holidays to the make-up day', () => {
    // Started Wednesday 18:00 with a day's target: 6 h on Wednesday, then the holidays and the
    // weekend (3, 4 October) stand still; 8 and 9 October are working days, the rest comes on them.
    const times = {
      clock: 'workingDays' as const,
      startedAt: at('2026-09-30T18:00:00+08:00'),
      targetMinutes: 24 * 60,
      pausedMinutes: 0,
    };
    expect(thresholdDue(times, 100, NATIONAL_DAY)).toEqual(at('2026-10-08T18:00:00+08:00'));
    expect(thresholdDue(times, 100, PLAIN_WEEK)).toEqual(at('2026-10-01T18:00:00+08:00'));
  });

  it('keeps as stood still only the clock minutes of a pause', () => {
    // Pending from Wednesday 22:00 to Thursday 08:00 over a holiday: only Wednesday's 2 h count.
    expect(
      stoodStill(
        'workingDays',
        at('2026-09-30T22:00:00+08:00'),
        at('2026-10-01T08:00:00+08:00'),
        NATIONAL_DAY,
      ),
    ).toBe(120);
    expect(
      stoodStill(
        'continuous',
        at('2026-09-30T22:00:00+08:00'),
        at('2026-10-01T08:00:00+08:00'),
        NATIONAL_DAY,
      ),
    ).toBe(600);
    expect(
      stoodStill('continuous', at('2026-09-30T22:00:00+08:00'), at('2026-09-30T21:00:00+08:00'), PLAIN_WEEK),
    ).toBe(0);
  });

  it('warns at 50 and 80 %, escalates at 100 % and, for restore only, at 200 %', () => {
    expect(THRESHOLDS.response).toEqual([50, 80, 100]);
    expect(THRESHOLDS.restore.map(actionOf)).toEqual([
      'warnOwner',
      'warnOwner',
      'escalate',
      'escalateToNational',
    ]);
    expect([
      breachReason('response', 100),
      breachReason('restore', 100),
      breachReason('restore', 200),
    ]).toEqual(['responseBreach', 'restoreBreach', 'restoreDoubleBreach']);
  });
});
