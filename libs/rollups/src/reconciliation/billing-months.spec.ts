import { addMonths, defaultRange, monthsBetween, shanghaiMonth } from './billing-months';

describe('billing months of a reconciliation run', () => {
  it('counts months across year ends in both directions', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
  });

  it('lists a range inclusively and nothing for a reversed one', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });

  it('defaults to the Shanghai month and the two before it', () => {
    // 2026-03-31T16:30Z is already April 1st 00:30 in Shanghai.
    const now = new Date('2026-03-31T16:30:00Z');
    expect(shanghaiMonth(now)).toBe('2026-04');
    expect(defaultRange(now)).toEqual({ from: '2026-02', to: '2026-04' });
  });
});
