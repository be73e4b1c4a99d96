import { isIndustrySection, isValidCreditCode } from '@kaf/business-codes';
import { daysBetween } from '@kaf/platform';
import { EXPIRING_AGREEMENTS_PER_CITY, type DemoPlanInput, planDemo } from './demo-plan';

const input = (overrides: Partial<DemoPlanInput> = {}): DemoPlanInput => ({
  seed: 'demo',
  today: '2025-03-10',
  provinces: ['440000', '330000'],
  cities: [
    { code: '440100', name: '广州市 Guangzhou' },
    { code: '440300', name: '深圳市 Shenzhen' },
    { code: '330100', name: '杭州市 Hangzhou' },
  ],
  customersPerCity: 20,
  accountManagersPerCity: 3,
  ...overrides,
});

describe('demo data plan', () => {
  it('is the same for the same seed and day, and differs for another seed', () => {
    expect(planDemo(input())).toEqual(planDemo(input()));
    const other = planDemo(input({ seed: 'other' }));
    expect(other.cities[0]!.customers.map((c) => c.creditCode)).not.toEqual(
      planDemo(input()).cities[0]!.customers.map((c) => c.creditCode),
    );
  });

  it("keeps a city's data when other cities are added", () => {
    const alone = planDemo(input({ cities: [{ code: '440300', name: '深圳市 Shenzhen' }] }));
    expect(planDemo(input()).cities[1]).toEqual(alone.cities[0]);
  });

  it('keeps the credit codes, which identify customers across runs, when other details change', () => {
    const codes = (n: number): string[] =>
      planDemo(input({ customersPerCity: n })).cities[0]!.customers.map((c) => c.creditCode);
    expect(codes(30).slice(0, 20)).toEqual(codes(20));
  });

  it('gives every company a valid, unique credit code registered in its city or lead province', () => {
    const plan = planDemo(input());
    const codes = [
      ...plan.groups.map((g) => g.creditCode),
      ...plan.cities.flatMap((c) => c.customers.map((x) => x.creditCode)),
    ];
    expect(codes).toHaveLength(3 + 60);
    for (const code of codes) expect(isValidCreditCode(code)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const city of plan.cities) {
      for (const c of city.customers) expect(c.creditCode.slice(2, 8)).toBe(city.code);
    }
    expect(plan.groups.map((g) => [g.leadNode, g.creditCode.slice(2, 8)])).toEqual([
      ['440000', '440000'],
      ['330000', '330000'],
      ['CN', '110000'],
    ]);
  });

  it('builds a management chain per city and assigns every customer to an account manager', () => {
    const [city] = planDemo(input()).cities;
    expect(city!.managers.map((m) => [m.staffId, m.title, m.supervisorStaffId])).toEqual([
      ['E440100-001', 'chief', undefined],
      ['E440100-002', 'supervisor', 'E440100-001'],
      ['E440100-003', 'account_manager', 'E440100-002'],
      ['E440100-004', 'account_manager', 'E440100-002'],
      ['E440100-005', 'account_manager', 'E440100-002'],
    ]);
    const assigned = new Set(city!.customers.map((c) => c.managerStaffId));
    expect([...assigned].sort()).toEqual(['E440100-003', 'E440100-004', 'E440100-005']);
  });

  it('spreads customers over industries, grades and statuses, with group branches', () => {
    const plan = planDemo(input());
    for (const city of plan.cities) {
      const { customers } = city;
      expect(customers).toHaveLength(20);
      expect(new Set(customers.map((c) => c.name)).size).toBe(20);
      for (const c of customers) expect(isIndustrySection(c.industry)).toBe(true);
      expect(new Set(customers.map((c) => c.industry)).size).toBeGreaterThanOrEqual(5);
      expect(new Set(customers.map((c) => c.grade))).toEqual(new Set(['A', 'B', 'C']));
      expect(new Set(customers.map((c) => c.status))).toEqual(
        new Set(['prospect', 'active', 'suspended', 'churned']),
      );
      const branches = customers.filter((c) => c.group !== undefined);
      expect(branches).toHaveLength(2);
      for (const b of branches) expect(b.status).toBe('active');
      expect(customers.filter((c) => c.contacts.length > 0).length).toBeGreaterThanOrEqual(5);
      for (const c of customers)
        expect(c.contacts.filter((x) => x.isPrimary).length).toBe(c.contacts.length > 0 ? 1 : 0);
    }
  });

  it('dates agreements so that some come up for renewal within 30 days', () => {
    const plan = planDemo(input());
    for (const city of plan.cities) {
      const agreements = city.customers.flatMap((c) => c.agreements);
      expect(agreements.length).toBeGreaterThanOrEqual(4);
      const expiring = agreements.filter((a) => daysBetween(plan.today, a.endDate) <= 30);
      expect(expiring).toHaveLength(EXPIRING_AGREEMENTS_PER_CITY);
      for (const a of agreements) {
        expect(a.startDate < plan.today).toBe(true);
        expect(a.endDate > plan.today).toBe(true);
        expect(a.monthlyValueFen).toMatch(/^[1-9]\d*$/);
        expect(a.agreementNo.startsWith(`AG-${city.code}-`)).toBe(true);
      }
      for (const c of city.customers.filter((x) => x.agreements.length > 0)) expect(c.status).toBe('active');
    }
  });

  it('gives every customer a billing account of the demo source, two for grade A, numbered by city', () => {
    const plan = planDemo(input());
    const accounts = plan.cities.flatMap((city) =>
      city.customers.flatMap((c) =>
        c.billingAccounts.map((a) => ({ city: city.code, grade: c.grade, ...a })),
      ),
    );
    const customers = plan.cities.flatMap((city) => city.customers);
    expect(customers.filter((c) => c.billingAccounts.length !== (c.grade === 'A' ? 2 : 1))).toEqual([]);
    expect(accounts.filter((a) => !a.accountNumber.startsWith(`${a.city.slice(0, 4)}-`))).toEqual([]);
    expect(
      accounts.filter((a) => !/^\d{4}-\d{7}$/.test(a.accountNumber) || a.source !== 'boss-billing'),
    ).toEqual([]);
    expect(new Set(accounts.map((a) => a.accountNumber)).size).toBe(accounts.length);
  });

  it('dates visits in the past and their follow-ups in the future', () => {
    const plan = planDemo(input());
    const now = Date.parse(`${plan.today}T00:00:00+08:00`);
    const visits = plan.cities.flatMap((c) => c.customers.flatMap((x) => x.visits));
    expect(visits.length).toBe(12);
    for (const v of visits) {
      expect(Date.parse(v.visitedAt)).toBeLessThan(now);
      if (v.followUp) expect(Date.parse(v.followUp.dueAt)).toBeGreaterThan(now);
    }
    expect(visits.filter((v) => v.followUp).length).toBe(6);
  });
});
