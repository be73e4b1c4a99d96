import { billingMonthProblem, latestBookableMonth } from './bookable-months';

describe('bookable billing months', () => {
  const now = new Date('2026-05-31T16:30:00Z'); // 2026-06-01 00:30 in Shanghai

  it('reach up to the month after the Shanghai one, across the year', () => {
    expect(latestBookableMonth(now)).toBe('2026-07');
    expect(latestBookableMonth(new Date('2026-05-31T15:59:59Z'))).toBe('2026-06');
    expect(latestBookableMonth(new Date('2026-12-31T16:00:00Z'))).toBe('2027-02');
  });

  it.each(['2000-01', '2019-02', '2026-06', '2026-07'])('accepts %s', (month) => {
    expect(billingMonthProblem(month, now)).toBeUndefined();
  });

  it.each([
    ['1999-12', /between 2000-01 and 2026-07/],
    ['2026-08', /between 2000-01 and 2026-07/],
    ['2026-13', /YYYY-MM/],
    ['2026-5', /YYYY-MM/],
    ['2026-05-01', /YYYY-MM/],
    [202605, /YYYY-MM/],
    [undefined, /YYYY-MM/],
  ])('refuses %p', (month, problem) => {
    expect(billingMonthProblem(month, now)).toMatch(problem);
  });
});
