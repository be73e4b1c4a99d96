import { deadlineDayFromEnv, reportingDeadline } from './reporting-deadline';

describe('reporting deadline', () => {
  it('is the end of day N of the following month in Asia/Shanghai', () => {
    expect(reportingDeadline('2026-05', 5).toISOString()).toBe('2026-06-05T16:00:00.000Z');
    expect(reportingDeadline('2025-12', 5).toISOString()).toBe('2026-01-05T16:00:00.000Z');
    expect(reportingDeadline('2026-01', 1).toISOString()).toBe('2026-02-01T16:00:00.000Z');
  });

  it('reads ANALYTICS_REPORT_DEADLINE_DAY, default 5, refusing what not every month has', () => {
    expect(deadlineDayFromEnv({})).toBe(5);
    expect(deadlineDayFromEnv({ ANALYTICS_REPORT_DEADLINE_DAY: '10' })).toBe(10);
    expect(() => deadlineDayFromEnv({ ANALYTICS_REPORT_DEADLINE_DAY: '31' })).toThrow(
      /ANALYTICS_REPORT_DEADLINE_DAY/,
    );
    expect(() => deadlineDayFromEnv({ ANALYTICS_REPORT_DEADLINE_DAY: 'x' })).toThrow(
      /ANALYTICS_REPORT_DEADLINE_DAY/,
    );
  });
});
