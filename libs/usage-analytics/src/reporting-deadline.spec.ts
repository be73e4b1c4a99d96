import { reportingDeadline } from './reporting-deadline';

describe('reporting deadline', () => {
  it('is the end of day N of the following month in Asia/Shanghai', () => {
    expect(reportingDeadline('2026-05', 5).toISOString()).toBe('2026-06-05T16:00:00.000Z');
    expect(reportingDeadline('2025-12', 5).toISOString()).toBe('2026-01-05T16:00:00.000Z');
    expect(reportingDeadline('2026-01', 1).toISOString()).toBe('2026-02-01T16:00:00.000Z');
  });
});
