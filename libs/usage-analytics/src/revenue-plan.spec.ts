import { CUBE_PRODUCTS } from './analytics-vocabulary';
import { chooseSource, comparisonShift, planRevenue, type RevenueRequest } from './revenue-plan';

const base: RevenueRequest = {
  from: '2026-01',
  to: '2026-03',
  groupBy: [],
  filters: {},
  compare: [],
  limit: 1000,
};

describe('revenue query plan', () => {
  it('compares month rows with the month before, whole ranges with the range before, yoy with a year', () => {
    expect(comparisonShift({ ...base, groupBy: ['month'] }, 'mom')).toBe(1);
    expect(comparisonShift(base, 'mom')).toBe(3);
    expect(comparisonShift({ ...base, groupBy: ['month'] }, 'yoy')).toBe(12);
  });

  it('reads the smallest table that answers, summaries only where they are kept', () => {
    expect(chooseSource({ ...base, groupBy: ['province', 'month'] }, true)).toBe(
      'usage_province_product_cell',
    );
    expect(chooseSource({ ...base, groupBy: ['month'], filters: { product: ['iot'] } }, true)).toBe(
      'usage_province_product_cell',
    );
    expect(chooseSource({ ...base, groupBy: ['month'], scopeCities: ['440300'] }, true)).toBe(
      'usage_city_product_cell',
    );
    expect(
      chooseSource({ ...base, groupBy: ['city', 'product'], filters: { province: ['440000'] } }, true),
    ).toBe('usage_city_product_cell');
    expect(chooseSource({ ...base, groupBy: ['province', 'industry'] }, true)).toBe(
      'usage_rollup_province_cell',
    );
    expect(chooseSource({ ...base, filters: { grade: ['A'] } }, true)).toBe('usage_rollup_province_cell');
    expect(chooseSource({ ...base, groupBy: ['city', 'grade'] }, true)).toBe('usage_rollup_cell');
    expect(chooseSource({ ...base, groupBy: ['industry'], filters: { city: ['440300'] } }, true)).toBe(
      'usage_rollup_cell',
    );
    expect(chooseSource({ ...base, groupBy: ['industry'], scopeCities: ['440300'] }, true)).toBe(
      'usage_rollup_cell',
    );
    expect(chooseSource({ ...base, groupBy: ['province', 'month'] }, false)).toBe('usage_rollup_cell');
  });

  it('reads the all-products line unless product is grouped or filtered', () => {
    expect(planRevenue(base, 'usage_rollup_cell').rows.text).toContain(`product = '*'`);
    const byProduct = planRevenue({ ...base, groupBy: ['product'] }, 'usage_rollup_cell');
    expect(byProduct.rows.text).toContain('product = ANY($2::text[])');
    expect(byProduct.rows.params[1]).toEqual(CUBE_PRODUCTS);
    expect(byProduct.customerMonthsTotal?.text).toContain(`product = '*'`);
    const filtered = planRevenue({ ...base, filters: { product: ['iot'] } }, 'usage_rollup_cell');
    expect(filtered.rows.params[1]).toEqual(['iot']);
    expect(filtered.customerMonthsTotal).toBeUndefined();
  });

  it('binds every value (no input in the SQL text)', () => {
    const plan = planRevenue(
      {
        ...base,
        groupBy: ['city', 'month'],
        filters: { industry: ['I'] },
        compare: ['mom', 'yoy'],
        scopeCities: ['440300'],
      },
      'usage_rollup_cell',
    );
    expect(plan.rows.text).not.toContain('2026-');
    expect(plan.rows.text).not.toContain('440300');
    expect(plan.rows.params).toEqual([
      ['2026-01', '2026-02', '2026-03'],
      ['I'],
      ['440300'],
      ['2025-12', '2026-01', '2026-02'],
      ['I'],
      ['440300'],
      ['2025-01', '2025-02', '2025-03'],
      ['I'],
      ['440300'],
      1000,
    ]);
  });
});
