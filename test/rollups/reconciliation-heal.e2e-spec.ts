import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CubeSummaries } from '@kaf/national-cube';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess, REPO_ROOT } from '../support/node-process';
import { waitFor } from '../support/wait';
import { billingMonth } from './rollup-builders';

interface Figures {
  revenueFen: string;
  eventCount: string;
  cells?: string;
}
interface ChildView {
  node: string;
  answered: boolean;
  late: boolean;
  linesCompared: number;
  differences: { city: string; month: string; ours: Figures | null; theirs: Figures | null }[];
  resyncRequested: { months: string[]; cityCodes: string[]; messageId: string } | null;
}
interface RunView {
  id: string;
  measure: string;
  status: 'running' | 'complete' | 'partial';
  months: string[];
  differences: number;
  children: ChildView[];
}
interface RevenueRow {
  city: string;
  month: string;
  revenueFen: string;
  eventCount: number;
  customerMonths: number;
}
interface RevenueReport {
  rows: RevenueRow[];
  totals: { revenueFen: string; eventCount: number; customerMonths: number };
}
/** [city, month, revenue in fen, events, customer-months], as analytics or a slice table holds them. */
type Line = [city: string, month: string, revenueFen: string, events: number, customers: number];

const PROVINCE = '440000';
const SHENZHEN = '440300';
const GUANGZHOU = '440100';
const SOURCE = 'boss-billing';
const RUNS = '/api/v1/reconciliations';
const M0 = billingMonth();
const M1 = billingMonth(-1);
const HEAL_MS = 60_000;

/**
 * Reconciliation heals, end to end: CN, Guangdong and its two cities as real processes, usage
 * booked at the cities through their REST door and carried up by the ordinary reports and
 * slices. The copies above the cities are then damaged by hand (the province's detail, the
 * national cube); a run at the damaged tier names the damage to the fen, asks the child to send
 * again, and the push path brings every copy back to the booked figures.
 */
describe('reconciliation heals the copies above the cities', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let province: NodeProcess;
  const cities: Record<string, NodeProcess> = {};
  const customers: Record<'s1' | 's2' | 'g1' | 'g2', string> = { s1: '', s2: '', g1: '', g2: '' };
  let sequence = 0;

  /** What is booked: per city, month, customer and product, the amounts of its events. */
  const booked: {
    city: string;
    customer: keyof typeof customers;
    product: string;
    month: string;
    fen: number;
  }[] = [
    { city: SHENZHEN, customer: 's1', product: 'sd_wan', month: M1, fen: 120000 },
    { city: SHENZHEN, customer: 's1', product: 'cloud', month: M1, fen: 30050 },
    { city: SHENZHEN, customer: 's2', product: 'sd_wan', month: M1, fen: 45000 },
    { city: SHENZHEN, customer: 's1', product: 'sd_wan', month: M0, fen: 80000 },
    { city: SHENZHEN, customer: 's1', product: 'sd_wan', month: M0, fen: 80000 },
    { city: SHENZHEN, customer: 's2', product: 'dedicated_internet', month: M0, fen: 250001 },
    { city: GUANGZHOU, customer: 'g1', product: 'mpls_vpn', month: M1, fen: 99999 },
    { city: GUANGZHOU, customer: 'g1', product: 'mpls_vpn', month: M0, fen: 70000 },
    { city: GUANGZHOU, customer: 'g2', product: 'cloud', month: M0, fen: 33333 },
    { city: GUANGZHOU, customer: 'g2', product: 'iot', month: M0, fen: 1200 },
  ];

  /** The booked events summed per city and month, the figures every tier must come back to. */
  const BOOKED: Line[] = [
    [GUANGZHOU, M1, '99999', 1, 1],
    [GUANGZHOU, M0, '104533', 3, 2],
    [SHENZHEN, M1, '195050', 3, 2],
    [SHENZHEN, M0, '410001', 3, 2],
  ];

  const provinceAdmin = () => tokenFor({ roles: 'province_admin', node: PROVINCE });
  const hqAdmin = () => tokenFor({ roles: 'hq_admin', node: 'CN' });
  const hqAnalyst = () => tokenFor({ roles: 'hq_analyst', node: 'CN' });

  /** National analytics by city and month over the two months, in key order. */
  async function nationalRevenue(): Promise<{ lines: Line[]; total: string }> {
    const res = await cn.request<RevenueReport>(
      'GET',
      `/api/v1/analytics/revenue?from=${M1}&to=${M0}&groupBy=city,month`,
      { token: await hqAnalyst() },
    );
    if (res.status !== 200) throw new Error(`national revenue: ${res.status} ${res.text}`);
    const lines = res.body.rows
      .map((r): Line => [r.city, r.month, r.revenueFen, r.eventCount, r.customerMonths])
      .sort(byKey);
    return { lines, total: res.body.totals.revenueFen };
  }

  /** A node's slice table (province: as built; CN: as received), in key order. */
  const slices = (node: string): Promise<Line[]> =>
    fed
      .sql<{ c: string; m: string; r: string; e: string; n: number }>(
        node,
        `SELECT city_code AS c, billing_month AS m, revenue_fen::text AS r, event_count::text AS e, customers AS n
           FROM usage_slice WHERE billing_month = ANY($1::text[])`,
        [[M1, M0]],
      )
      .then((rows) => rows.map((x): Line => [x.c, x.m, x.r, Number(x.e), x.n]).sort(byKey));

  /** A node's all-products cube cells summed per city and month, in key order. */
  const cube = (node: string): Promise<Line[]> =>
    fed
      .sql<{ c: string; m: string; r: string; e: string; n: number }>(
        node,
        `SELECT city_code AS c, billing_month AS m, sum(revenue_fen)::text AS r,
                sum(event_count)::text AS e, sum(customers)::int AS n
           FROM usage_rollup_cell WHERE product = '*' AND billing_month = ANY($1::text[])
          GROUP BY city_code, billing_month`,
        [[M1, M0]],
      )
      .then((rows) => rows.map((x): Line => [x.c, x.m, x.r, Number(x.e), x.n]).sort(byKey));

  /** The cells a city holds (its own ledger) or the province's copy of them, in key order. */
  async function detail(node: string, city: string): Promise<string[]> {
    const key = `concat_ws('|', customer_id, product, billing_month, revenue_fen, event_count, version) AS k`;
    const rows =
      node === PROVINCE
        ? await fed.sql<{ k: string }>(
            node,
            `SELECT ${key} FROM city_customer_usage WHERE city_code = $1 AND billing_month = ANY($2::text[])`,
            [city, [M1, M0]],
          )
        : await fed.sql<{ k: string }>(
            node,
            `SELECT ${key} FROM billing_monthly_usage WHERE billing_month = ANY($1::text[])`,
            [[M1, M0]],
          );
    return rows.map((r) => r.k).sort();
  }

  async function startRun(node: NodeProcess, token: string): Promise<RunView> {
    // Each tier receives usage and arrears: the run names its measure.
    const res = await node.request<RunView>('POST', RUNS, {
      body: { measure: 'usage', from: M1, to: M0 },
      token,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ measure: 'usage', status: 'running' });
    return res.body;
  }
  const finished = (node: NodeProcess, id: string): Promise<RunView> =>
    waitFor(
      `run ${id} at ${node.spec.code} complete`,
      () => node.get<RunView>(`${RUNS}/${id}`),
      (v) => v.status !== 'running',
    );
  const child = (view: RunView, code: string): ChildView => view.children.find((c) => c.node === code)!;

  /** Waits until the national analytics answer exactly `expected`. */
  const nationalEquals = (what: string, expected: Line[]) =>
    waitFor(what, nationalRevenue, (r) => JSON.stringify(r.lines) === JSON.stringify(expected), HEAL_MS);

  beforeAll(async () => {
    // Guangdong and its two cities under CN, and nothing else: a run at CN waits for no one absent.
    const topologyFile = join(REPO_ROOT, '.run/test-logs', `${fed.namespace}-topology.json`);
    mkdirSync(join(REPO_ROOT, '.run/test-logs'), { recursive: true });
    writeFileSync(
      topologyFile,
      JSON.stringify({
        national: { code: 'CN', name: '集团总部 National HQ' },
        provinces: [
          {
            code: PROVINCE,
            name: '广东省 Guangdong',
            cities: [
              { code: GUANGZHOU, name: '广州市 Guangzhou' },
              { code: SHENZHEN, name: '深圳市 Shenzhen' },
            ],
          },
        ],
      }),
    );
    const env = {
      TOPOLOGY_FILE: topologyFile,
      RECONCILIATION_INTERVAL_MS: '0',
      RECONCILIATION_ANSWER_TIMEOUT_MS: '30000',
    };
    cn = await fed.addNode('CN', 'national', env);
    province = await fed.addNode(PROVINCE, 'province', { ...env, USAGE_SLICE_INTERVAL_MS: '100' });
    cities[SHENZHEN] = await fed.addNode(SHENZHEN, 'city', env);
    cities[GUANGZHOU] = await fed.addNode(GUANGZHOU, 'city', env);
    await Promise.all([cn, province, ...Object.values(cities)].map((n) => n.startAndWaitReady()));

    const register = async (city: string, industry: string, grade: string): Promise<string> => {
      const res = await cities[city]!.request<{ id: string }>('POST', '/api/v1/customers', {
        token: await tokenFor({ roles: 'city_admin', node: city }),
        body: customerBody({ industry, grade, creditCode: creditCode(city) }),
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    customers.s1 = await register(SHENZHEN, 'I', 'A');
    customers.s2 = await register(SHENZHEN, 'C', 'B');
    customers.g1 = await register(GUANGZHOU, 'I', 'A');
    customers.g2 = await register(GUANGZHOU, 'F', 'B');
    await waitFor(
      'the four customers at the province',
      () => fed.count(PROVINCE, 'SELECT count(*)::int AS n FROM reported_customer'),
      (n) => n === 4,
    );

    for (const city of [SHENZHEN, GUANGZHOU]) {
      const events = booked
        .filter((b) => b.city === city)
        .map((b) => ({
          eventId: `EV-${Date.now().toString(36)}-${(sequence++).toString(36)}`,
          customerId: customers[b.customer],
          product: b.product,
          billingMonth: b.month,
          occurredAt: `${b.month}-01T08:00:00+08:00`,
          amountFen: String(b.fen),
        }));
      const res = await cities[city]!.request<{ accepted: number }>('POST', '/api/v1/usage-batches', {
        token: await tokenFor({ roles: 'billing_system', node: city, subject: SOURCE }),
        body: { events },
      });
      expect([res.status, res.body.accepted]).toEqual([200, events.length]);
    }
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('carries the booked usage up to the national analytics, to the fen', async () => {
    // The figures above are the bookings summed: checked here so the table cannot drift from them.
    const summed = new Map<string, number>();
    for (const b of booked)
      summed.set(`${b.city}|${b.month}`, (summed.get(`${b.city}|${b.month}`) ?? 0) + b.fen);
    expect(BOOKED.map(([c, m, r]) => [c, m, Number(r)])).toEqual(
      BOOKED.map(([c, m]) => [c, m, summed.get(`${c}|${m}`)]),
    );

    const national = await nationalEquals('the booked usage in the national analytics', BOOKED);
    expect(national.total).toBe('809583');
    expect(await slices('CN')).toEqual(BOOKED);
    expect(await slices(PROVINCE)).toEqual(BOOKED);
    expect(await cube(PROVINCE)).toEqual(BOOKED);
    for (const city of [SHENZHEN, GUANGZHOU]) {
      expect(await detail(PROVINCE, city)).toEqual(await detail(city, city));
    }
  });

  it("finds the damage to the province's detail at the province and heals detail, cube and national figures", async () => {
    const shenzhenCells = await detail(SHENZHEN, SHENZHEN);
    // One cell of last month lost, one of this month altered: both of Shenzhen.
    await fed.sql(
      PROVINCE,
      `DELETE FROM city_customer_usage WHERE customer_id = $1 AND product = 'cloud' AND billing_month = $2`,
      [customers.s1, M1],
    );
    await fed.sql(
      PROVINCE,
      `UPDATE city_customer_usage SET revenue_fen = revenue_fen + 7777
        WHERE customer_id = $1 AND product = 'dedicated_internet' AND billing_month = $2`,
      [customers.s2, M0],
    );
    // The cube follows the detail only when a slice is rebuilt: rebuild both, as any later
    // booking of Shenzhen would, so the damage reaches the province's cube and CN.
    expect(await cube(PROVINCE)).toEqual(BOOKED);
    await fed.sql(
      PROVINCE,
      `INSERT INTO usage_slice_dirty (city_code, billing_month) VALUES ($1, $2), ($1, $3) ON CONFLICT DO NOTHING`,
      [SHENZHEN, M1, M0],
    );
    const DAMAGED: Line[] = [
      [GUANGZHOU, M1, '99999', 1, 1],
      [GUANGZHOU, M0, '104533', 3, 2],
      [SHENZHEN, M1, '165000', 2, 2],
      [SHENZHEN, M0, '417778', 3, 2],
    ];
    await nationalEquals('the damaged detail in the national analytics', DAMAGED);
    expect(await cube(PROVINCE)).toEqual(DAMAGED);
    expect(await slices('CN')).toEqual(DAMAGED);

    const started = await startRun(province, await provinceAdmin());
    const done = await finished(province, started.id);
    expect(done.status).toBe('complete');
    expect(done.differences).toBe(2);
    expect(child(done, GUANGZHOU)).toMatchObject({
      answered: true,
      late: false,
      linesCompared: 2,
      differences: [],
      resyncRequested: null,
    });
    expect(child(done, SHENZHEN)).toEqual({
      node: SHENZHEN,
      answered: true,
      answeredAt: expect.any(String),
      late: false,
      linesCompared: 2,
      differences: [
        {
          city: SHENZHEN,
          month: M1,
          ours: { revenueFen: '165000', eventCount: '2', cells: '2' },
          theirs: { revenueFen: '195050', eventCount: '3', cells: '3' },
        },
        {
          city: SHENZHEN,
          month: M0,
          ours: { revenueFen: '417778', eventCount: '3', cells: '2' },
          theirs: { revenueFen: '410001', eventCount: '3', cells: '2' },
        },
      ].sort((a, b) => a.month.localeCompare(b.month)),
      resyncRequested: { months: [M1, M0].sort(), cityCodes: [SHENZHEN], messageId: expect.any(String) },
    });

    // Shenzhen sends its cells again; the province's copy, its cube and CN come back.
    await waitFor(
      "the province's copy of Shenzhen equal to Shenzhen's ledger",
      () => detail(PROVINCE, SHENZHEN),
      (cells) => JSON.stringify(cells) === JSON.stringify(shenzhenCells),
      HEAL_MS,
    );
    const national = await nationalEquals('the booked usage in the national analytics again', BOOKED);
    expect(national.total).toBe('809583');
    await waitFor(
      'the province cube healed',
      () => cube(PROVINCE),
      (l) => JSON.stringify(l) === JSON.stringify(BOOKED),
    );
    expect(await slices(PROVINCE)).toEqual(BOOKED);
    expect(await slices('CN')).toEqual(BOOKED);
    expect(await detail(PROVINCE, GUANGZHOU)).toEqual(await detail(GUANGZHOU, GUANGZHOU));
  });

  it("finds the damage to CN's cube at CN and heals it from the province", async () => {
    // Guangzhou's slice of last month lost at CN (with its cells and the summaries over them),
    // and Shenzhen's slice of this month altered.
    await fed.sql('CN', `DELETE FROM usage_slice WHERE city_code = $1 AND billing_month = $2`, [
      GUANGZHOU,
      M1,
    ]);
    await fed.sql('CN', `DELETE FROM usage_rollup_cell WHERE city_code = $1 AND billing_month = $2`, [
      GUANGZHOU,
      M1,
    ]);
    await fed.sql('CN', `DELETE FROM group_usage_cell WHERE city_code = $1 AND billing_month = $2`, [
      GUANGZHOU,
      M1,
    ]);
    await CubeSummaries.refreshSlice(
      { query: (text: string, params?: unknown[]) => fed.sql('CN', text, params) },
      PROVINCE,
      M1,
    );
    await fed.sql(
      'CN',
      `UPDATE usage_slice SET revenue_fen = revenue_fen - 10000 WHERE city_code = $1 AND billing_month = $2`,
      [SHENZHEN, M0],
    );
    const versions = await fed.sql<{ c: string; m: string; v: string }>(
      'CN',
      `SELECT city_code AS c, billing_month AS m, version::text AS v FROM usage_slice`,
    );
    expect((await nationalRevenue()).lines).toEqual(
      BOOKED.filter(([c, m]) => !(c === GUANGZHOU && m === M1)),
    );
    expect(await slices('CN')).toEqual([
      [GUANGZHOU, M0, '104533', 3, 2],
      [SHENZHEN, M1, '195050', 3, 2],
      [SHENZHEN, M0, '400001', 3, 2],
    ]);

    const started = await startRun(cn, await hqAdmin());
    const done = await finished(cn, started.id);
    expect(done.status).toBe('complete');
    expect(done.differences).toBe(2);
    expect(done.children).toEqual([
      {
        node: PROVINCE,
        answered: true,
        answeredAt: expect.any(String),
        late: false,
        linesCompared: 4,
        differences: [
          { city: GUANGZHOU, month: M1, ours: null, theirs: { revenueFen: '99999', eventCount: '1' } },
          {
            city: SHENZHEN,
            month: M0,
            ours: { revenueFen: '400001', eventCount: '3' },
            theirs: { revenueFen: '410001', eventCount: '3' },
          },
        ],
        resyncRequested: {
          months: [M1, M0].sort(),
          cityCodes: [GUANGZHOU, SHENZHEN],
          messageId: expect.any(String),
        },
      },
    ]);

    // The province rebuilds the named slices and sends them with new versions, one message each:
    // the analytics (over the cells) can be whole again before the last slice row has arrived.
    const national = await nationalEquals('the booked usage in the national analytics again', BOOKED);
    expect(national.total).toBe('809583');
    await waitFor(
      'the booked slices at CN again',
      () => slices('CN'),
      (l) => JSON.stringify(l) === JSON.stringify(BOOKED),
      HEAL_MS,
    );
    expect(await cube('CN')).toEqual(BOOKED);
    const after = await fed.sql<{ c: string; m: string; v: string }>(
      'CN',
      `SELECT city_code AS c, billing_month AS m, version::text AS v FROM usage_slice`,
    );
    const before = new Map(versions.map((r) => [`${r.c}|${r.m}`, BigInt(r.v)]));
    for (const r of after) {
      if (before.has(`${r.c}|${r.m}`)) expect(BigInt(r.v)).toBeGreaterThan(before.get(`${r.c}|${r.m}`)!);
    }
  });

  it('reconciles a clean federation with no differences at both tiers', async () => {
    for (const [node, token] of [
      [province, await provinceAdmin()],
      [cn, await hqAdmin()],
    ] as const) {
      const started = await startRun(node, token);
      const done = await finished(node, started.id);
      expect({ node: node.spec.code, status: done.status, differences: done.differences }).toEqual({
        node: node.spec.code,
        status: 'complete',
        differences: 0,
      });
      for (const c of done.children) {
        expect(c).toMatchObject({ answered: true, late: false, differences: [], resyncRequested: null });
        expect(c.linesCompared).toBe(node === cn ? 4 : 2);
      }
    }
    expect((await nationalRevenue()).lines).toEqual(BOOKED);
  });
});

function byKey(a: Line, b: Line): number {
  return a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0].localeCompare(b[0]);
}
