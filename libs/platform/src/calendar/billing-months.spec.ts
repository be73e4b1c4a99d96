import {
  addMonths,
  billingMonthOf,
  isBillingMonth,
  monthEnd,
  monthsBetween,
  monthSpan,
} from './billing-months';

describe('billing months', () => {
  it('puts an instant in its Shanghai month, not its UTC month', () => {
    expect(billingMonthOf(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03');
    expect(billingMonthOf(new Date('2026-03-31T16:00:00.000Z'))).toBe('2026-04');
  });

  it('ends a month at Shanghai midnight of the next month, across the year', () => {
    expect(monthEnd('2026-02').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(monthEnd('2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(billingMonthOf(new Date(monthEnd('2026-05').getTime() - 1))).toBe('2026-05');
    expect(billingMonthOf(monthEnd('2026-05'))).toBe('2026-06');
  });

  it('counts and lists months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(monthSpan('2025-11', '2026-02')).toBe(4);
    expect(monthSpan('2026-02', '2025-11')).toBe(0);
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('accepts only YYYY-MM', () => {
    expect(isBillingMonth('2026-05')).toBe(true);
    for (const bad of ['2026-13', '2026-5', '2026-00', '202605', 202605, undefined]) {
      expect(isBillingMonth(bad)).toBe(false);
    }
  });
});
