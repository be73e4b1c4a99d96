import { randomUUID } from 'node:crypto';
import { aCustomerOf, aSalesTeam, fieldsOf, type Manager } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { anEvent, billingMonth, type UsageEvent } from '../support/usage-events';
import { expectEvery } from '../support/expectations';
import { receivablesViewsCases } from './receivables-views.cases';

interface EventResult {
  index: number;
  eventId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  reason?: string;
}

interface BatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: EventResult[];
}

interface UsageCell {
  month: string;
  product: string;
  revenueFen: string;
  quantity: string;
  eventCount: number;
}

const CITY = '440300';
const SOURCE = 'boss-billing';
const month = billingMonth;

/**
 * One city node (440300) for the suites of a city's billing over HTTP: usage batches, then the bills
 * and payments views (test/billing/receivables-views.cases.ts), each with customers of its own.
 */
const fed = new FederationFixture();

beforeAll(async () => {
  await (await fed.addNode(CITY, 'city')).startAndWaitReady();
}, BOOT_HOOK_TIMEOUT_MS);

afterAll(() => fed.dispose(), 120_000);

/**
 * Usage batches from a billing system at a city node (440300): each event is answered on its
 * own, re-sending changes nothing, corrections replace their original to the fen, and every
 * monthly cell equals the sum of the events in force.
 */
describe('usage batches from billing systems', () => {
  let shenzhen: NodeProcess;
  let billing: string;
  let admin: string;
  let a: Manager;
  let b: Manager;
  let customer1: string;
  let customer2: string;
  /** Events the node accepted and that are still in force, as the test sent them. */
  const inForce = new Map<string, UsageEvent>();

  beforeAll(async () => {
    shenzhen = fed.node(CITY);
    billing = await tokenFor({ roles: 'billing_system', node: CITY, subject: SOURCE });
    admin = await tokenFor({ roles: 'city_admin', node: CITY });
    ({ a, b } = await aSalesTeam(shenzhen));
    customer1 = await aCustomerOf(shenzhen, a);
    customer2 = await aCustomerOf(shenzhen, a);
  }, 60_000);

  async function send(events: unknown[], token = billing): Promise<BatchResult> {
    const res = await shenzhen.request<BatchResult>('POST', '/api/v1/usage-batches', {
      token,
      body: { events },
    });
    if (res.status !== 200) throw new Error(`batch not booked: ${res.status} ${res.text}`);
    return res.body;
  }

  function remember(events: UsageEvent[], result: BatchResult): void {
    for (const r of result.results) {
      if (r.status !== 'accepted') continue;
      const event = events[r.index]!;
      if (event.supersedes) inForce.delete(event.supersedes);
      inForce.set(event.eventId, event);
    }
  }

  const cells = () =>
    fed.sql<{
      customer_id: string;
      product: string;
      billing_month: string;
      revenue_fen: string;
      quantity: string;
      event_count: number;
    }>(
      CITY,
      `SELECT customer_id, product, billing_month, revenue_fen::text, quantity::text, event_count
         FROM billing_monthly_usage ORDER BY customer_id, product, billing_month`,
    );
  const ledgerRows = () => fed.count(CITY, 'SELECT count(*) AS n FROM billing_usage_event');
  /** The batches' audit entries, oldest first: one per batch, with its counts. */
  const batchAudits = () =>
    fed.sql<{ actor_subject: string; resource_type: string; after: Record<string, unknown> }>(
      CITY,
      `SELECT actor_subject, resource_type, after FROM audit_entry
        WHERE action = 'usage-batch.book' ORDER BY occurred_at, id`,
    );

  const usage = async (customerId: string, query = '', token = admin): Promise<UsageCell[]> => {
    const res = await shenzhen.request<UsageCell[]>(
      'GET',
      `/api/v1/customers/${customerId}/monthly-usage${query}`,
      {
        token,
      },
    );
    if (res.status !== 200) throw new Error(`usage not read: ${res.status} ${res.text}`);
    return res.body;
  };

  let first: UsageEvent[];

  it('accepts valid events across products and months and rejects bad ones with reasons', async () => {
    const repeat = anEvent(customer1, { product: 'iot', amountFen: '3000', quantity: '1200', unit: 'SIM' });
    first = [
      anEvent(customer1),
      anEvent(customer1, { product: 'dedicated_internet', amountFen: '9999999999999' }),
      anEvent(customer2, { product: 'cloud', billingMonth: month(-1), amountFen: '-4500', quantity: '0.5' }),
      repeat,
      { ...repeat },
      anEvent(customer2, { product: 'digital_circuit', billingMonth: month(-2) }),
      anEvent(randomUUID()),
      anEvent(customer1, { product: 'telegraph' }),
      { ...anEvent(customer1), amountFen: 125000 } as unknown as UsageEvent,
      anEvent(customer1, { amountFen: '12.50' }),
      anEvent(customer1, { billingMonth: month(2) }),
      anEvent(customer1, { product: 'voice_trunk' }),
    ];
    const auditsBefore = (await batchAudits()).length;
    const result = await send([...first, null]);

    expect(result.results.map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'duplicate',
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
      'rejected',
    ]);
    expect(result).toMatchObject({ accepted: 6, duplicates: 1, rejected: 6 });
    const reasons = result.results.map((r) => r.reason ?? '');
    expect(reasons[6]).toMatch(/customerId: .* not a customer of this city/);
    expect(reasons[7]).toMatch(/^product:/);
    expect(reasons[8]).toMatch(/amountFen:/);
    expect(reasons[9]).toMatch(/amountFen: must be a whole number/);
    expect(reasons[10]).toMatch(/billingMonth: must be between 2000-01 and/);
    expect(reasons[12]).toMatch(/JSON object/);
    expect(result.results[4]).toMatchObject({ eventId: repeat.eventId, index: 4 });
    remember(first, result);
    expect(await ledgerRows()).toBe(6);
    const rows = await fed.sql<{ source: string }>(CITY, 'SELECT DISTINCT source FROM billing_usage_event');
    expect(rows).toEqual([{ source: SOURCE }]);
    const audits = await batchAudits();
    expect(audits.slice(auditsBefore)).toEqual([
      {
        actor_subject: SOURCE,
        resource_type: 'usage-batch',
        after: { source: SOURCE, events: 13, accepted: 6, duplicates: 1, rejected: 6 },
      },
    ]);
  });

  it('answers a re-sent batch with duplicates and changes no total', async () => {
    const before = await cells();
    const result = await send(first);
    expect(result.accepted).toBe(0);
    expect(result.duplicates).toBe(7);
    expect(result.results.filter((r) => r.status === 'duplicate').map((r) => r.index)).toEqual([
      0, 1, 2, 3, 4, 5, 11,
    ]);
    expect(await cells()).toEqual(before);
    expect(await ledgerRows()).toBe(6);
  });

  it('replaces a corrected event in its cell, to the fen', async () => {
    const original = anEvent(customer2, { product: 'mpls_vpn', amountFen: '100001', quantity: '4' });
    remember([original], await send([original]));
    const correction = anEvent(customer2, {
      product: 'mpls_vpn',
      amountFen: '87654',
      quantity: '3',
      supersedes: original.eventId,
    });
    const again = anEvent(customer2, { product: 'mpls_vpn', amountFen: '1', supersedes: original.eventId });
    const orphan = anEvent(customer2, { product: 'mpls_vpn', supersedes: 'NO-SUCH-EVENT' });
    const result = await send([correction, again, orphan]);
    expect(result.results.map((r) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
    expect(result.results[1]!.reason).toMatch(/already superseded by/);
    expect(result.results[2]!.reason).toMatch(/no earlier event NO-SUCH-EVENT/);
    remember([correction, again, orphan], result);

    const [cell] = (await usage(customer2)).filter((c) => c.product === 'mpls_vpn');
    expect(cell).toEqual({
      month: month(),
      product: 'mpls_vpn',
      revenueFen: '87654',
      quantity: '3',
      eventCount: 1,
    });
    const [row] = await fed.sql<{ superseded_by: string }>(
      CITY,
      'SELECT superseded_by FROM billing_usage_event WHERE event_id = $1',
      [original.eventId],
    );
    expect(row!.superseded_by).toBe(correction.eventId);
  });

  it('takes an original and its correction in the same batch', async () => {
    const original = anEvent(customer1, { product: 'cloud', billingMonth: month(-3), amountFen: '50000' });
    const correction = anEvent(customer1, {
      product: 'cloud',
      billingMonth: month(-3),
      amountFen: '-20000',
      quantity: '2',
      supersedes: original.eventId,
    });
    const result = await send([original, correction]);
    expect(result.accepted).toBe(2);
    remember([original, correction], result);
    const q = `?from=${month(-3)}&to=${month(-3)}`;
    expect(await usage(customer1, q)).toEqual([
      { month: month(-3), product: 'cloud', revenueFen: '-20000', quantity: '2', eventCount: 1 },
    ]);
  });

  it('applies a late event to its old month', async () => {
    const late = anEvent(customer1, { product: 'idc', billingMonth: '2019-03', amountFen: '777' });
    remember([late], await send([late]));
    expect(await usage(customer1, '?from=2019-01&to=2019-12')).toEqual([
      { month: '2019-03', product: 'idc', revenueFen: '777', quantity: '10', eventCount: 1 },
    ]);
  });

  it('refuses a batch of 1001 events as a whole, naming events, and writes nothing', async () => {
    const before = await ledgerRows();
    const auditsBefore = await batchAudits();
    const res = await shenzhen.request('POST', '/api/v1/usage-batches', {
      token: billing,
      body: { events: Array.from({ length: 1001 }, () => anEvent(customer1)) },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['events']);
    const empty = await shenzhen.request('POST', '/api/v1/usage-batches', {
      token: billing,
      body: { events: [] },
    });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(['events']);
    expect(await ledgerRows()).toBe(before);
    expect(await batchAudits()).toEqual(auditsBefore);
  });

  it('takes batches from billing systems only', async () => {
    const auditsBefore = await batchAudits();
    const res = await shenzhen.request('POST', '/api/v1/usage-batches', {
      token: admin,
      body: { events: [anEvent(customer1)] },
    });
    expect(res.status).toBe(403);
    expect(await batchAudits()).toEqual(auditsBefore);
  });

  it('audits a batch of nothing but rejected events, once', async () => {
    const auditsBefore = (await batchAudits()).length;
    const result = await send([anEvent(randomUUID()), null]);
    expect(result).toMatchObject({ accepted: 0, duplicates: 0, rejected: 2 });
    expect((await batchAudits()).slice(auditsBefore).map((a) => a.after)).toEqual([
      { source: SOURCE, events: 2, accepted: 0, duplicates: 0, rejected: 2 },
    ]);
  });

  it('counts an event sent by two concurrent batches once', async () => {
    const shared = anEvent(customer1, { product: 'voice_trunk', amountFen: '5005' });
    const results = await Promise.all([send([shared]), send([{ ...shared }])]);
    expect(results.map((r) => r.results[0]!.status).sort()).toEqual(['accepted', 'duplicate']);
    inForce.set(shared.eventId, shared);
  });

  it('keeps every cell equal to the sum of the events in force', async () => {
    const expected = new Map<string, { revenue: bigint; quantity: number; count: number }>();
    for (const e of inForce.values()) {
      const key = `${e.customerId}|${e.product}|${e.billingMonth}`;
      const cell = expected.get(key) ?? { revenue: 0n, quantity: 0, count: 0 };
      cell.revenue += BigInt(e.amountFen);
      cell.quantity += Number(e.quantity ?? 0);
      cell.count += 1;
      expected.set(key, cell);
    }
    const actual = await cells();
    expect(actual).toHaveLength(expected.size);
    for (const row of actual) {
      const want = expected.get(`${row.customer_id}|${row.product}|${row.billing_month}`);
      expect(want).toBeDefined();
      expect(row.revenue_fen).toBe(want!.revenue.toString());
      expect(Number(row.quantity)).toBe(want!.quantity);
      expect(row.event_count).toBe(want!.count);
    }
  });

  it("shows a customer's cells to readers within reach only", async () => {
    const cellsOf1 = await usage(customer1, '', a.token);
    expect(cellsOf1.length).toBeGreaterThan(0);
    expectEvery(
      await usage(customer1, `?from=${month()}&to=${month()}`),
      (c) => c.month === month(),
      `cells of customer 1 listed for ${month()}`,
    );
    const outOfReach = await shenzhen.request('GET', `/api/v1/customers/${customer1}/monthly-usage`, {
      token: b.token,
    });
    expect(outOfReach.status).toBe(404);
    const badMonth = await shenzhen.request(
      'GET',
      `/api/v1/customers/${customer1}/monthly-usage?from=2026-13`,
      {
        token: admin,
      },
    );
    expect(badMonth.status).toBe(400);
    expect(fieldsOf(badMonth.body)).toEqual(['from']);
  });
});

receivablesViewsCases(fed);
