import { requireMonths } from './requested-months';

class Refused extends Error {}

describe('requireMonths', () => {
  it('returns the months de-duplicated and in calendar order', () => {
    expect(requireMonths(['2025-03', '2024-12', '2025-03'], 'totals', { refuseWith: Refused })).toEqual([
      '2024-12',
      '2025-03',
    ]);
  });

  it('refuses a value that is not YYYY-MM with the caller’s error, naming the request and the value', () => {
    const check = () =>
      requireMonths(['2025-01', '2025-13'], 'usage totals request', { refuseWith: Refused });
    expect(check).toThrow(Refused);
    expect(check).toThrow('usage totals request: "2025-13" is not a billing month (YYYY-MM)');
  });

  it('refuses more than 120 distinct months, and accepts 120', () => {
    const months = Array.from(
      { length: 121 },
      (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    expect(() => requireMonths(months, 'resync', { refuseWith: Refused })).toThrow(
      'resync: 121 months, at most 120',
    );
    expect(requireMonths(months.slice(0, 120), 'resync', { refuseWith: Refused })).toHaveLength(120);
  });

  it('refuses an empty list unless empty means every month', () => {
    expect(() => requireMonths([], 'totals', { refuseWith: Refused })).toThrow('totals: no billing months');
    expect(requireMonths([], 'resync', { refuseWith: Refused, emptyMeansAll: true })).toEqual([]);
  });
});
