import { instantInMonth, parseMonthRange } from './load-months';

describe('months of a billing load', () => {
  const now = new Date('2026-05-31T17:30:00Z'); // 2026-06-01 01:30 in Shanghai

  it('reads FROM..TO and a single month; refuses what the ledger would refuse', () => {
    expect(parseMonthRange('2025-11..2026-02', now)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(parseMonthRange('2026-07', now)).toEqual(['2026-07']);
    expect(() => parseMonthRange('2026-08', now)).toThrow('up to 2026-07');
    expect(() => parseMonthRange('2026-03..2026-01', now)).toThrow('2026-03 comes after 2026-01');
    expect(() => parseMonthRange('2026-3', now)).toThrow('FROM..TO');
    expect(() => parseMonthRange('1999-12..2000-01', now)).toThrow('from 2000-01');
  });

  it('dates events inside their month, never later than now in the current month', () => {
    expect(instantInMonth('2026-04', 31, 3600 * 23 + 61, now)).toBe('2026-04-28T23:01:01+08:00');
    const current = instantInMonth('2026-06', 20, 3600 * 10, now);
    expect(current).toBe('2026-06-01T01:30:00+08:00');
    expect(Date.parse(current)).toBeLessThanOrEqual(now.getTime());
  });
});
