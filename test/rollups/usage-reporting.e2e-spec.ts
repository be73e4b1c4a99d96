import { randomUUID } from 'node:crypto';
import { create, type DescMessage, fromBinary, type MessageShape, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Producer } from 'kafkajs';
import {
  CustomerUsageCellSchema,
  FigureCellSchema,
  FiguresReportedSchema,
  FiguresResyncRequestSchema,
  FiguresTotalsReportSchema,
  FiguresTotalsRequestSchema,
} from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { aCustomerOf, aSalesTeam, type Manager } from '../agreements/sales-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture, kafkaClient } from '../support/federation-fixture';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { anEvent, billingMonth, type UsageEvent } from '../support/usage-events';
import { readAllRecords, readRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';

const PROVINCE = '440000';
const CITY = '440300';
const SOURCE = 'boss-billing';

interface BatchResult {
  accepted: number;
  results: { index: number; status: string; reason?: string }[];
}

interface Cell {
  customer_id: string;
  product: string;
  billing_month: string;
  revenue_fen: string;
  quantity: string;
  event_count: number;
  version: string;
}

const month = billingMonth;

const CELL_SQL = `SELECT customer_id, product, billing_month, revenue_fen::text AS revenue_fen,
    quantity::text AS quantity, event_count, version::text AS version`;

/**
 * A city (440300) reports its monthly usage cells to its province (440000), both real processes:
 * the province's copy equals the city's cells to the fen, a burst costs a handful of messages,
 * stale and foreign reports change nothing, changed slices are marked dirty (also when a
 * customer's grade changes), and the city answers the province's totals and resync requests.
 */
describe('city usage reported to the province', () => {
  const fed = new FederationFixture();
  let province: NodeProcess;
  let shenzhen: NodeProcess;
  let billing: string;
  let cityAdmin: string;
  let manager: Manager;
  let customers: string[] = [];
  let producer: Producer;
  /** Events in force as the test sent them, keyed by event id. */
  const inForce = new Map<string, UsageEvent>();

  beforeAll(async () => {
    // The slice builder would drain usage_slice_dirty, which this suite inspects: hold it back.
    province = await fed.addNode(PROVINCE, 'province', { USAGE_SLICE_INTERVAL_MS: '600000' });
    shenzhen = await fed.addNode(CITY, 'city', { USAGE_REPORT_INTERVAL_MS: '200' });
    await Promise.all([province, shenzhen].map((n) => n.startAndWaitReady()));
    billing = await tokenFor({ roles: 'billing_system', node: CITY, subject: SOURCE });
    cityAdmin = await tokenFor({ roles: 'city_admin', node: CITY });
    ({ a: manager } = await aSalesTeam(shenzhen));
    customers = [];
    for (let i = 0; i < 3; i++) customers.push(await aCustomerOf(shenzhen, manager));
    producer = kafkaClient().producer();
    await producer.connect();
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await producer?.disconnect();
    await fed.dispose();
  }, 120_000);

  async function send(events: UsageEvent[]): Promise<void> {
    const res = await shenzhen.request<BatchResult>('POST', '/api/v1/usage-batches', {
      token: billing,
      body: { events },
    });
    if (res.status !== 200) throw new Error(`batch not booked: ${res.status} ${res.text}`);
    const refused = res.body.results.filter((r) => r.status !== 'accepted');
    if (refused.length) throw new Error(`events refused: ${JSON.stringify(refused.slice(0, 3))}`);
    for (const event of events) {
      if (event.supersedes) inForce.delete(event.supersedes);
      inForce.set(event.eventId, event);
    }
  }

  const cityCells = (): Promise<Cell[]> =>
    fed.sql<Cell>(CITY, `${CELL_SQL} FROM billing_monthly_usage ORDER BY 1, 2, 3`);
  const provinceCells = (where = 'true'): Promise<Cell[]> =>
    fed.sql<Cell>(PROVINCE, `${CELL_SQL} FROM city_customer_usage WHERE ${where} ORDER BY 1, 2, 3`);
  const dirty = async (): Promise<string[]> =>
    (
      await fed.sql<{ slice: string }>(
        PROVINCE,
        `SELECT city_code || ' ' || billing_month AS slice FROM usage_slice_dirty ORDER BY 1`,
      )
    ).map((r) => r.slice);

  /** Waits until the province holds exactly the city's cells. */
  async function provinceCaughtUp(): Promise<Cell[]> {
    let city: Cell[] = [];
    await waitFor(
      'the province copy to equal the city cells',
      async () => {
        city = await cityCells();
        return JSON.stringify(await provinceCells()) === JSON.stringify(city);
      },
      (same) => same,
      60_000,
    );
    const cityRows = await fed.sql<{ city_code: string }>(
      PROVINCE,
      'SELECT DISTINCT city_code FROM city_customer_usage',
    );
    expect(cityRows).toEqual([{ city_code: CITY }]);
    return city;
  }

  /** The test's own sums of the events in force: revenue, events, quantity per cell. */
  function expectedCells(): Map<string, { revenue: bigint; events: number; quantity: number }> {
    const cells = new Map<string, { revenue: bigint; events: number; quantity: number }>();
    for (const e of inForce.values()) {
      const key = `${e.customerId} ${e.product} ${e.billingMonth}`;
      const cell = cells.get(key) ?? { revenue: 0n, events: 0, quantity: 0 };
      cell.revenue += BigInt(e.amountFen);
      cell.events += 1;
      cell.quantity += Number(e.quantity ?? 0);
      cells.set(key, cell);
    }
    return cells;
  }

  /** Puts a message on a node's inbox topic as if `source` had sent it. */
  async function inject<Desc extends DescMessage>(
    schema: Desc,
    payload: MessageShape<Desc>,
    source: string,
    target: string,
  ): Promise<string> {
    const id = randomUUID();
    const envelope = create(EnvelopeSchema, {
      id,
      type: schema.typeName,
      source,
      target,
      key: `${source}:test`,
      correlationId: id,
      occurredAt: timestampFromDate(new Date()),
      payload: toBinary(schema, payload),
    });
    await producer.send({
      topic: `${fed.namespace}.${target}.in`,
      messages: [{ key: `${source}:test`, value: Buffer.from(toBinary(EnvelopeSchema, envelope)) }],
    });
    return id;
  }

  const outcome = (node: string, id: string): Promise<string> =>
    waitFor(
      `message ${id} to be settled at ${node}`,
      async () =>
        (
          await fed.sql<{ outcome: string }>(
            node,
            'SELECT outcome FROM messaging_inbox WHERE message_id = $1',
            [id],
          )
        )[0]?.outcome ?? '',
      (o) => o !== '',
      30_000,
    );

  it('copies every cell to the province to the fen and marks the months touched dirty', async () => {
    const [c1, c2] = customers as [string, string];
    await send([
      anEvent(c1, { amountFen: '125000' }),
      anEvent(c1, { amountFen: '74999', quantity: '5' }),
      anEvent(c1, { product: 'dedicated_internet', amountFen: '9999999999999', quantity: '1000' }),
      anEvent(c2, { product: 'cloud', billingMonth: month(-1), amountFen: '-4500', quantity: '0.5' }),
      anEvent(c2, { product: 'iot', billingMonth: month(-2), amountFen: '3000', quantity: '1200' }),
    ]);
    const city = await provinceCaughtUp();
    const figures = (rows: (string | number)[][]): string[] => rows.map((r) => r.join(' ')).sort();
    expect(
      figures(city.map((c) => [c.customer_id, c.product, c.billing_month, c.revenue_fen, c.event_count])),
    ).toEqual(
      figures([
        [c1, 'dedicated_internet', month(), '9999999999999', 1],
        [c1, 'sd_wan', month(), '199999', 2],
        [c2, 'cloud', month(-1), '-4500', 1],
        [c2, 'iot', month(-2), '3000', 1],
      ]),
    );
    expect((await provinceCells(`product = 'sd_wan'`))[0]).toMatchObject({
      revenue_fen: '199999',
      quantity: '15',
    });
    expect(await dirty()).toEqual([month(-2), month(-1), month()].map((m) => `${CITY} ${m}`));
    expect(
      await fed.count(
        CITY,
        'SELECT count(*)::int AS n FROM billing_monthly_usage WHERE version > reported_version',
      ),
    ).toBe(0);
  });

  it('reports a burst of 3,000 events in a handful of messages', async () => {
    const reportsBefore = await metricValue(shenzhen, 'kaf_figures_report_messages_total', USAGE);
    const [c1, c2, c3] = customers as [string, string, string];
    const products = ['sd_wan', 'cloud', 'iot', 'mpls_vpn', 'dedicated_internet'];
    const burst: UsageEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      burst.push(
        anEvent([c1, c2, c3][i % 3]!, {
          product: products[i % products.length]!,
          billingMonth: month(-(i % 4)),
          amountFen: String(100 + (i % 97)),
          quantity: '1',
        }),
      );
    }
    for (let i = 0; i < burst.length; i += 1000) await send(burst.slice(i, i + 1000));
    const city = await provinceCaughtUp();

    // Exact figures: the city's cells (and so the province copy) equal the sums of the events.
    const expected = expectedCells();
    expect(city).toHaveLength(expected.size);
    for (const cell of city) {
      const want = expected.get(`${cell.customer_id} ${cell.product} ${cell.billing_month}`);
      expect([cell.revenue_fen, cell.event_count, Number(cell.quantity)]).toEqual([
        want?.revenue.toString(),
        want?.events,
        want?.quantity,
      ]);
    }
    const revenue = city.reduce((sum, c) => sum + BigInt(c.revenue_fen), 0n);
    expect(revenue).toBe([...inForce.values()].reduce((sum, e) => sum + BigInt(e.amountFen), 0n));

    const reports = (await readAllRecords(`${fed.namespace}.${PROVINCE}.in`))
      .map((r) => fromBinary(EnvelopeSchema, r.value))
      .filter((e) => e.type === FiguresReportedSchema.typeName);
    const sentNow = (await metricValue(shenzhen, 'kaf_figures_report_messages_total', USAGE)) - reportsBefore;
    expect(sentNow).toBeGreaterThan(0);
    // A round sends one message per month touched (4 here, under 2,000 cells each) and rounds
    // come at most once per 200 ms interval: a few dozen at the very most, never one per event.
    expect(sentNow).toBeLessThanOrEqual(40);
    // Every report written reached the province's inbox topic, none twice.
    expect(reports).toHaveLength(await metricValue(shenzhen, 'kaf_figures_report_messages_total', USAGE));
    expect(new Set(reports.map((r) => r.key))).toEqual(
      new Set([0, -1, -2, -3].map((m) => `usage:${CITY}:${month(m)}`)),
    );
    await waitFor(
      'the reporter to see an empty backlog',
      () => metricValue(shenzhen, 'kaf_figures_report_backlog', USAGE),
      (n) => n === 0,
    );
  });

  it('carries a correction to the province copy', async () => {
    const original = [...inForce.values()].find(
      (e) => e.product === 'dedicated_internet' && e.amountFen === '9999999999999',
    )!;
    await send([
      anEvent(original.customerId, {
        product: 'dedicated_internet',
        amountFen: '8800000',
        quantity: '1000',
        supersedes: original.eventId,
      }),
    ]);
    const city = await provinceCaughtUp();
    const cell = city.find(
      (c) =>
        c.customer_id === original.customerId &&
        c.product === 'dedicated_internet' &&
        c.billing_month === month(),
    );
    const expected = expectedCells().get(`${original.customerId} dedicated_internet ${month()}`)!;
    expect(cell).toMatchObject({ revenue_fen: expected.revenue.toString(), event_count: expected.events });
    expect(BigInt(cell!.revenue_fen)).toBeLessThan(9999999999999n);
  });

  it('ignores a stale report and leaves the slices clean', async () => {
    await fed.sql(PROVINCE, 'DELETE FROM usage_slice_dirty');
    const [held] = await provinceCells(`product = 'sd_wan' AND billing_month = '${month()}'`);
    const stale = usageReport(CITY, [
      usageCell(CITY, held!.customer_id, month(), BigInt(held!.version) - 1n, {
        revenueFen: 1n,
        quantity: '1',
        eventCount: 1,
      }),
      usageCell(CITY, held!.customer_id, month(), BigInt(held!.version), {
        revenueFen: 2n,
        quantity: '2',
        eventCount: 2,
      }),
    ]);
    const staleBefore = await metricValue(province, 'kaf_figures_cells_received_total', {
      ...USAGE,
      outcome: 'stale',
    });
    const id = await inject(FiguresReportedSchema, stale, CITY, PROVINCE);
    expect(await outcome(PROVINCE, id)).toBe('handled');
    expect((await provinceCells(`product = 'sd_wan' AND billing_month = '${month()}'`))[0]).toEqual(held);
    expect(await dirty()).toEqual([]);
    // The two cells of one place collapse into the higher version, which is not above the held one.
    expect(
      (await metricValue(province, 'kaf_figures_cells_received_total', { ...USAGE, outcome: 'stale' })) -
        staleBefore,
    ).toBe(2);
  });

  it('refuses reports from a city of another province, about another city, or with a malformed cell', async () => {
    const customerId = randomUUID();
    const cell = (city: string, overrides: Parameters<typeof usageCell>[4] = {}) =>
      usageCell(city, customerId, month(), 1n, {
        revenueFen: 500n,
        quantity: '1',
        eventCount: 1,
        ...overrides,
      });
    const foreign = await inject(
      FiguresReportedSchema,
      usageReport('330100', [cell('330100')]),
      '330100',
      PROVINCE,
    );
    const mislabelled = await inject(
      FiguresReportedSchema,
      usageReport(CITY, [cell('440100')]),
      CITY,
      PROVINCE,
    );
    const impostor = await inject(
      FiguresReportedSchema,
      usageReport('440100', [cell('440100')]),
      CITY,
      PROVINCE,
    );
    const malformed = await inject(
      FiguresReportedSchema,
      usageReport(CITY, [cell(CITY), cell(CITY, { quantity: 'lots' })]),
      CITY,
      PROVINCE,
    );
    const garbage = create(FiguresReportedSchema, {
      measure: 'usage',
      reporter: CITY,
      cells: [
        create(FigureCellSchema, {
          cityCode: CITY,
          billingMonth: month(),
          key: 'x',
          version: 1n,
          body: new Uint8Array([0xff, 0xff, 0xff]),
        }),
      ],
    });
    const undecodable = await inject(FiguresReportedSchema, garbage, CITY, PROVINCE);
    const unknownMeasure = await inject(
      FiguresReportedSchema,
      create(FiguresReportedSchema, { ...usageReport(CITY, [cell(CITY)]), measure: 'quality' }),
      CITY,
      PROVINCE,
    );
    const ids = [foreign, mislabelled, impostor, malformed, undecodable, unknownMeasure];
    for (const id of ids) expect(await outcome(PROVINCE, id)).toBe('dead_lettered');
    const reasons = await fed.sql<{ message_id: string; reason: string }>(
      PROVINCE,
      'SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])',
      [ids],
    );
    const reasonOf = (id: string) => reasons.find((r) => r.message_id === id)?.reason;
    expect(reasonOf(foreign)).toBe(
      'sender 330100 refused for kaf.federation.v1.FiguresReported: not a child of this node',
    );
    expect(reasonOf(mislabelled)).toMatch(
      /^usage figures from 440300: cell 0 \("440100" .* is not about a city within 440300$/,
    );
    expect(reasonOf(impostor)).toBe('usage figures from 440300: the report names 440100 as its reporter');
    expect(reasonOf(malformed)).toMatch(/cell 1 .*: malformed quantity "lots"$/);
    expect(reasonOf(undecodable)).toMatch(
      /cell 0 .* has a body that is not a kaf.billing.v1.CustomerUsageCell$/,
    );
    expect(reasonOf(unknownMeasure)).toBe('quality figures from 440300: this node receives no such measure');
    expect(
      await fed.count(PROVINCE, 'SELECT count(*)::int AS n FROM city_customer_usage WHERE customer_id = $1', [
        customerId,
      ]),
    ).toBe(0);
    expect(await dirty()).toEqual([]);
  });

  it("marks dirty a customer's months when its grade changes at the city", async () => {
    const c2 = customers[1]!;
    const { version } = (
      await shenzhen.request<{ version: string }>('GET', `/api/v1/customers/${c2}`, { token: cityAdmin })
    ).body;
    await waitFor(
      `customer ${c2} v${version} at the province`,
      () =>
        fed.sql<{ version: string }>(
          PROVINCE,
          'SELECT version::text AS version FROM reported_customer WHERE id = $1',
          [c2],
        ),
      (rows) => rows[0]?.version === version,
    );
    await fed.sql(PROVINCE, 'DELETE FROM usage_slice_dirty');
    const patched = await shenzhen.request('PATCH', `/api/v1/customers/${c2}`, {
      token: cityAdmin,
      body: { grade: 'C' },
    });
    expect(patched.status).toBe(200);
    await waitFor(
      `grade C for ${c2} at the province`,
      () => fed.sql<{ grade: string }>(PROVINCE, 'SELECT grade FROM reported_customer WHERE id = $1', [c2]),
      (rows) => rows[0]?.grade === 'C',
    );
    const months = await fed.sql<{ billing_month: string }>(
      CITY,
      'SELECT DISTINCT billing_month FROM billing_monthly_usage WHERE customer_id = $1 ORDER BY 1',
      [c2],
    );
    expect(months.length).toBeGreaterThanOrEqual(3);
    expect(await dirty()).toEqual(months.map((m) => `${CITY} ${m.billing_month}`));

    // A snapshot that changes nothing the slices classify by (the name) marks nothing.
    await fed.sql(PROVINCE, 'DELETE FROM usage_slice_dirty');
    await shenzhen.request('PATCH', `/api/v1/customers/${c2}`, {
      token: cityAdmin,
      body: { name: '深圳测试客户（更名）' },
    });
    await waitFor(
      `the new name of ${c2} at the province`,
      () => fed.sql<{ name: string }>(PROVINCE, 'SELECT name FROM reported_customer WHERE id = $1', [c2]),
      (rows) => rows[0]?.name === '深圳测试客户（更名）',
    );
    expect(await dirty()).toEqual([]);
  });

  it('answers a totals request from its province with the figures of the events in force', async () => {
    const requestId = randomUUID();
    const months = [month(-3), month(-2), month(-1), month(), month(1)];
    await inject(
      FiguresTotalsRequestSchema,
      create(FiguresTotalsRequestSchema, { measure: 'usage', requestId, billingMonths: months }),
      PROVINCE,
      CITY,
    );
    const [record] = await readRecords(
      `${fed.namespace}.${PROVINCE}.in`,
      (r) => {
        const envelope = fromBinary(EnvelopeSchema, r.value);
        return (
          envelope.type === FiguresTotalsReportSchema.typeName &&
          fromBinary(FiguresTotalsReportSchema, envelope.payload).requestId === requestId
        );
      },
      1,
    );
    const report = fromBinary(FiguresTotalsReportSchema, fromBinary(EnvelopeSchema, record!.value).payload);
    const expected = new Map<string, { revenue: bigint; events: bigint; cells: bigint }>();
    for (const [key, cell] of expectedCells()) {
      const m = key.split(' ')[2]!;
      const t = expected.get(m) ?? { revenue: 0n, events: 0n, cells: 0n };
      t.revenue += cell.revenue;
      t.events += BigInt(cell.events);
      t.cells += cell.events > 0 ? 1n : 0n;
      expected.set(m, t);
    }
    expect(report.reporter).toBe(CITY);
    expect(report.measure).toBe('usage');
    expect(report.billingMonths).toEqual(months);
    expect(
      report.lines.map((t) => [
        t.cityCode,
        t.billingMonth,
        t.figures.revenueFen,
        t.figures.eventCount,
        t.figures.cells,
      ]),
    ).toEqual(
      [...expected]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([m, t]) => [CITY, m, t.revenue, t.events, t.cells]),
    );

    // Only the parent may ask, and only about a measure the city reports.
    const foreign = await inject(
      FiguresTotalsRequestSchema,
      create(FiguresTotalsRequestSchema, { measure: 'usage', requestId, billingMonths: months }),
      '330000',
      CITY,
    );
    const unknown = await inject(
      FiguresTotalsRequestSchema,
      create(FiguresTotalsRequestSchema, { measure: 'quality', requestId, billingMonths: months }),
      PROVINCE,
      CITY,
    );
    expect(await outcome(CITY, foreign)).toBe('dead_lettered');
    expect(await outcome(CITY, unknown)).toBe('dead_lettered');
    const [reason] = await fed.sql<{ reason: string }>(
      CITY,
      'SELECT reason FROM messaging_dead_letter WHERE message_id = $1',
      [unknown],
    );
    expect(reason?.reason).toBe('node 440300 reports no measure "quality"');
  });

  it('re-sends the cells of the requested months when its province asks for a resync', async () => {
    const lost = month(-1);
    const before = await provinceCells();
    await fed.sql(PROVINCE, 'DELETE FROM city_customer_usage WHERE billing_month = $1', [lost]);
    await fed.sql(PROVINCE, 'DELETE FROM usage_slice_dirty');
    const id = await inject(
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, {
        measure: 'usage',
        requestId: randomUUID(),
        billingMonths: [lost],
      }),
      PROVINCE,
      CITY,
    );
    expect(await outcome(CITY, id)).toBe('handled');
    await waitFor(
      'the resynced month at the province',
      async () => JSON.stringify(await provinceCells()),
      (now) => now === JSON.stringify(before),
    );
    expect(await provinceCaughtUp()).toEqual(before);
    expect(await dirty()).toEqual([`${CITY} ${lost}`]);

    // A resync naming a city outside the city's subtree, or no months (the city would send its
    // whole ledger in one transaction), is refused with the reason.
    const elsewhere = await inject(
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, {
        measure: 'usage',
        requestId: randomUUID(),
        billingMonths: [lost],
        cityCodes: ['440100'],
      }),
      PROVINCE,
      CITY,
    );
    const everything = await inject(
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, { measure: 'usage', requestId: randomUUID() }),
      PROVINCE,
      CITY,
    );
    expect(await outcome(CITY, elsewhere)).toBe('dead_lettered');
    expect(await outcome(CITY, everything)).toBe('dead_lettered');
    const reasons = await fed.sql<{ message_id: string; reason: string }>(
      CITY,
      'SELECT message_id, reason FROM messaging_dead_letter WHERE message_id = ANY($1::uuid[])',
      [[elsewhere, everything]],
    );
    expect(Object.fromEntries(reasons.map((r) => [r.message_id, r.reason]))).toEqual({
      [elsewhere]: 'usage resync names 440100, which is not within 440300',
      [everything]: 'usage resync request: no billing months',
    });
  });
});

const USAGE = { measure: 'usage' };

/** A city's usage cell as the city would report it (key customer|product, body CustomerUsageCell). */
function usageCell(
  city: string,
  customerId: string,
  billingMonth: string,
  version: bigint,
  figures: { revenueFen?: bigint; quantity?: string; eventCount?: number; product?: string },
) {
  const product = figures.product ?? 'sd_wan';
  return create(FigureCellSchema, {
    cityCode: city,
    billingMonth,
    key: `${customerId}|${product}`,
    version,
    changedAt: timestampFromDate(new Date()),
    body: toBinary(
      CustomerUsageCellSchema,
      create(CustomerUsageCellSchema, {
        customerId,
        product,
        revenueFen: figures.revenueFen ?? 0n,
        quantity: figures.quantity ?? '0',
        eventCount: figures.eventCount ?? 0,
      }),
    ),
  });
}

function usageReport(reporter: string, cells: ReturnType<typeof usageCell>[]) {
  return create(FiguresReportedSchema, { measure: 'usage', reporter, cells });
}
