import { planArrears } from './arrears-plan';

describe('planArrears', () => {
  it('groups by the dimensions in their order, with the totals row of the same pass', () => {
    const plan = planArrears({ from: '2026-04', to: '2026-05', groupBy: ['city', 'month'], filters: {} });
    expect(plan.text).toContain('city_code AS "city", billing_month AS "month"');
    expect(plan.text).toContain('GROUP BY GROUPING SETS ((city_code, billing_month), ())');
    expect(plan.text).toContain('ORDER BY is_total, city_code, billing_month');
    expect(plan.params).toEqual(['2026-04', '2026-05']);
  });

  it('binds every filter and the caller scope, never inlines a value', () => {
    const plan = planArrears({
      from: '2026-05',
      to: '2026-05',
      groupBy: ['industry'],
      filters: { province: ['440000'], city: ['440300'], industry: ['I', '?'], grade: ['A'] },
      scopeCities: ['440300'],
    });
    expect(plan.params).toEqual([
      '2026-05',
      '2026-05',
      ['440000'],
      ['440300'],
      ['I', '?'],
      ['A'],
      ['440300'],
    ]);
    expect(plan.text).toContain('province_code = ANY($3::text[])');
    expect(plan.text).toContain('grade = ANY($6::text[])');
    expect(plan.text).toContain('city_code = ANY($7::text[])');
    expect(plan.text).not.toContain('440300');
  });

  it('is one totals row when nothing is grouped', () => {
    const plan = planArrears({ from: '2026-05', to: '2026-05', groupBy: [], filters: {} });
    expect(plan.text).not.toContain('GROUP BY');
    expect(plan.text).toContain('true AS is_total');
  });
});
