import { randomUUID } from 'node:crypto';
import { aCustomerOf, aSalesTeam, fieldsOf, type Manager } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';

const CITY = '440300';

interface Insights {
  customerId: string;
  month: string;
  status: string;
  revenueFen: string;
  eventCount: number;
  valueClass: string;
  trailingThreeMonthAverageFen: string;
  arpu3: { from: string; to: string; revenueFen: string; customerMonths: number; arpuFen: string };
  arpu12: { from: string; to: string; revenueFen: string; customerMonths: number; arpuFen: string };
  churnRisk: { atRisk: boolean; reasons: string[] };
  policyVersion: string;
}

interface AtRisk {
  customerId: string;
  name: string;
  status: string;
  managerStaffId: string | null;
  month: string;
  revenueFen: string;
  trailingThreeMonthAverageFen: string;
  valueClass: string;
  reasons: string[];
}

/**
 * Usage insights at a city (440300) over usage booked through the billing door, under the
 * configured policy (high value from 5,000,000 fen a month, churn risk below 70% of the
 * trailing three-month average): exact figures, portfolio reach, validation.
 */
describe('usage insights at the city', () => {
  const fed = new FederationFixture();
  let shenzhen: NodeProcess;
  let admin: string;
  let a: Manager;
  let b: Manager;
  /** a's customer: 1,000,000 fen a month February to April 2026, then 600,000 in May. */
  let dropping: string;
  /** b's customer: 6,000,000 in May 2026 only, then suspended. */
  let big: string;
  /** a's customer: steady 200,000 fen a month, never at risk. */
  let steady: string;

  beforeAll(async () => {
    shenzhen = await fed.addNode(CITY, 'city', {
      USAGE_HIGH_VALUE_MIN_MONTHLY_FEN: '5000000',
      USAGE_CHURN_DROP_PERCENT: '30',
    });
    await shenzhen.startAndWaitReady();
    admin = await tokenFor({ roles: 'city_admin', node: CITY });
    ({ a, b } = await aSalesTeam(shenzhen));
    dropping = await aCustomerOf(shenzhen, a);
    big = await aCustomerOf(shenzhen, b);
    steady = await aCustomerOf(shenzhen, a);
    const billing = await tokenFor({ roles: 'billing_system', node: CITY, subject: 'boss-billing' });
    const event = (customerId: string, product: string, billingMonth: string, amountFen: string) => ({
      eventId: `EV-${randomUUID()}`,
      customerId,
      product,
      billingMonth,
      occurredAt: `${billingMonth}-10T08:00:00+08:00`,
      amountFen,
      quantity: '1',
      unit: 'month',
    });
    const events = [
      event(dropping, 'sd_wan', '2025-06', '400000'), // inside the 12-month window, outside the 3-month one
      event(dropping, 'sd_wan', '2026-02', '1000000'),
      event(dropping, 'sd_wan', '2026-03', '600000'),
      event(dropping, 'cloud', '2026-03', '400000'),
      event(dropping, 'sd_wan', '2026-04', '1000000'),
      event(dropping, 'sd_wan', '2026-05', '600000'),
      event(big, 'idc', '2026-05', '6000000'),
      ...['2026-02', '2026-03', '2026-04', '2026-05'].map((m) => event(steady, 'iot', m, '200000')),
    ];
    const res = await shenzhen.request<{ accepted: number }>('POST', '/api/v1/usage-batches', {
      token: billing,
      body: { events },
    });
    expect([res.status, res.body.accepted]).toEqual([200, events.length]);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  const insights = async (customerId: string, query: string, token = admin): Promise<Insights> => {
    const res = await shenzhen.request<Insights>(
      'GET',
      `/api/v1/customers/${customerId}/usage-insights?${query}`,
      {
        token,
      },
    );
    if (res.status !== 200) throw new Error(`insights: ${res.status} ${res.text}`);
    return res.body;
  };

  it("a customer's month: value class, trailing ARPU and a revenue drop to the fen", async () => {
    expect(await insights(dropping, 'month=2026-05')).toEqual({
      customerId: dropping,
      month: '2026-05',
      status: 'prospect',
      revenueFen: '600000',
      eventCount: 1,
      valueClass: 'standard',
      trailingThreeMonthAverageFen: '1000000',
      // March to May: 1,000,000 + 1,000,000 + 600,000 over 3 months.
      arpu3: { from: '2026-03', to: '2026-05', revenueFen: '2600000', customerMonths: 3, arpuFen: '866667' },
      // June 2025 to May 2026: 4,000,000 over the 5 months with usage.
      arpu12: { from: '2025-06', to: '2026-05', revenueFen: '4000000', customerMonths: 5, arpuFen: '800000' },
      // 600,000 < 70% of 1,000,000.
      churnRisk: { atRisk: true, reasons: ['revenue_drop'] },
      policyVersion: '0',
    });
    const april = await insights(dropping, 'month=2026-04');
    expect(april).toMatchObject({
      revenueFen: '1000000',
      // January to March: 0 + 1,000,000 + 1,000,000 over three months.
      trailingThreeMonthAverageFen: '666667',
      churnRisk: { atRisk: false, reasons: [] },
    });
  });

  it('high value from the threshold; suspension is a reason of its own', async () => {
    expect(await insights(big, 'month=2026-05')).toMatchObject({
      revenueFen: '6000000',
      valueClass: 'high_value',
      trailingThreeMonthAverageFen: '0',
      arpu3: { revenueFen: '6000000', customerMonths: 1, arpuFen: '6000000' },
      churnRisk: { atRisk: false, reasons: [] },
    });
    for (const status of ['active', 'suspended']) {
      const res = await shenzhen.request('POST', `/api/v1/customers/${big}/status-changes`, {
        token: admin,
        body: { status, reason: 'overdue invoices' },
      });
      expect(res.status).toBe(201);
    }
    expect((await insights(big, 'month=2026-05')).churnRisk).toEqual({
      atRisk: true,
      reasons: ['suspended'],
    });
  });

  it("the city's churn risks: biggest trailing average first, paged; an account manager sees their portfolio", async () => {
    const res = await shenzhen.request<AtRisk[]>('GET', '/api/v1/usage-insights/churn-risks?month=2026-05', {
      token: admin,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(res.body).toEqual([
      {
        customerId: dropping,
        name: expect.any(String),
        status: 'prospect',
        managerStaffId: a.staffId,
        month: '2026-05',
        revenueFen: '600000',
        trailingThreeMonthAverageFen: '1000000',
        valueClass: 'standard',
        reasons: ['revenue_drop'],
      },
      {
        customerId: big,
        name: expect.any(String),
        status: 'suspended',
        managerStaffId: b.staffId,
        month: '2026-05',
        revenueFen: '6000000',
        trailingThreeMonthAverageFen: '0',
        valueClass: 'high_value',
        reasons: ['suspended'],
      },
    ]);
    const page = await shenzhen.request<AtRisk[]>(
      'GET',
      '/api/v1/usage-insights/churn-risks?month=2026-05&limit=1&offset=1',
      {
        token: admin,
      },
    );
    expect([page.body.map((r) => r.customerId), page.headers.get('x-total-count')]).toEqual([[big], '2']);
    const mine = await shenzhen.request<AtRisk[]>('GET', '/api/v1/usage-insights/churn-risks?month=2026-05', {
      token: a.token,
    });
    expect([mine.body.map((r) => r.customerId), mine.headers.get('x-total-count')]).toEqual([
      [dropping],
      '1',
    ]);
    // April: no drop yet; b's suspended customer had no usage in January to April, so it is not listed.
    const april = await shenzhen.request<AtRisk[]>(
      'GET',
      '/api/v1/usage-insights/churn-risks?month=2026-04',
      {
        token: admin,
      },
    );
    expect(april.body).toEqual([]);
  });

  it("customer reach: another manager's customer is a 404; refusals name the field", async () => {
    const other = await shenzhen.request('GET', `/api/v1/customers/${big}/usage-insights?month=2026-05`, {
      token: a.token,
    });
    expect(other.status).toBe(404);
    expect((await insights(dropping, 'month=2026-05', a.token)).revenueFen).toBe('600000');
    const cases: [string, string][] = [
      [`/api/v1/customers/${dropping}/usage-insights?month=2026-13`, 'month'],
      [`/api/v1/customers/not-a-uuid/usage-insights?month=2026-05`, 'customerId'],
      [`/api/v1/customers/${dropping}/usage-insights?month=2026-05&x=1`, 'x'],
      ['/api/v1/usage-insights/churn-risks?month=May', 'month'],
      ['/api/v1/usage-insights/churn-risks?limit=0', 'limit'],
    ];
    for (const [path, field] of cases) {
      const res = await shenzhen.request('GET', path, { token: admin });
      expect({ path, status: res.status, fields: fieldsOf(res.body) }).toEqual({
        path,
        status: 400,
        fields: [field],
      });
    }
    const billing = await tokenFor({ roles: 'billing_system', node: CITY });
    expect(
      (await shenzhen.request('GET', '/api/v1/usage-insights/churn-risks', { token: billing })).status,
    ).toBe(403);
  });
});
