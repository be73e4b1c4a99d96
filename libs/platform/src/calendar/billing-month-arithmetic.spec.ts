import { addMonths, isBillingMonth, monthSpan, monthsBetween } from './billing-months';

describe('billing month arithmetic', () => {
  it('moves across years both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', -12)).toBe('2025-01');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-05', -36)).toBe('2023-05');
  });

  it('counts months inclusively and lists them', () => {
    expect(monthSpan('2026-01', '2026-01')).toBe(1);
    expect(monthSpan('2025-11', '2026-02')).toBe(4);
    expect(monthSpan('2026-02', '2026-01')).toBe(0);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('recognises YYYY-MM only', () => {
    expect(isBillingMonth('2026-12')).toBe(true);
    expect(isBillingMonth('2026-13')).toBe(false);
    expect(isBillingMonth('2026-1')).toBe(false);
  });
});
