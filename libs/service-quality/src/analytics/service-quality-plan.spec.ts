import { hasCustomerBase, planServiceQuality, type ServiceQualityRequest } from './service-quality-plan';

const request = (over: Partial<ServiceQualityRequest> = {}): ServiceQualityRequest => ({
  from: '2026-04',
  to: '2026-05',
  groupBy: ['city', 'month'],
  filters: {},
  limit: 100,
  ...over,
});

describe('planServiceQuality', () => {
  it('keeps every city-month a row when only city-month dimensions are grouped', () => {
    const plan = planServiceQuality(request());
    expect(plan.text).toContain('FULL JOIN a USING ("city", "month")');
    expect(plan.text).toContain('ORDER BY "city", "month"');
    expect(plan.params).toEqual([['2026-04', '2026-05'], 100]);
  });

  it('joins the customers on the city-month dimensions only when a line dimension is grouped', () => {
    const plan = planServiceQuality(request({ groupBy: ['ticketType', 'province'] }));
    expect(plan.text).toContain('LEFT JOIN a USING ("province")');
    expect(plan.text).toMatch(
      /FROM service_quality_slice WHERE billing_month = ANY\(\$1::text\[\]\) GROUP BY 1/,
    );
  });

  it('filters lines by every filter and the customers by the city-month ones, within the scope', () => {
    const plan = planServiceQuality(
      request({
        groupBy: [],
        filters: { city: ['440300'], ticketType: ['complaint'] },
        scopeCities: ['440300'],
      }),
    );
    expect(plan.params).toEqual([['2026-04', '2026-05'], ['440300'], ['complaint'], ['440300'], 100]);
    const [lines, customers] = plan.text.split('), a AS (');
    expect(lines).toContain('ticket_type = ANY($3::text[])');
    expect(customers).not.toContain('ticket_type');
    expect(customers).toContain('city_code = ANY($2::text[])');
    expect(customers).toContain('city_code = ANY($4::text[])');
    expect(plan.text).toContain('LEFT JOIN a ON true');
  });

  it('reads a comparison from the shifted months and reports them as the months compared with', () => {
    const plan = planServiceQuality(request(), 12);
    expect(plan.params[0]).toEqual(['2025-04', '2025-05']);
    expect(plan.text).toContain('make_interval(months => 12), \'YYYY-MM\') AS "month"');
  });

  it('has a customer base unless a grade is grouped or filtered', () => {
    expect(hasCustomerBase(request())).toBe(true);
    expect(hasCustomerBase(request({ groupBy: ['grade'] }))).toBe(false);
    expect(hasCustomerBase(request({ groupBy: [], filters: { grade: ['A'] } }))).toBe(false);
  });
});
