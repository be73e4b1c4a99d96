import { randomUUID } from 'node:crypto';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import { expectEvery } from '../support/expectations';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { waitFor } from '../support/wait';
import { billingMonth } from './rollup-builders';

const PROVINCE = '440000';
const CITY = '440300';
const MONTH = billingMonth();
const LAST_MONTH = billingMonth(-1);
const ARREARS = 'arrears';

/** A billing account's position in one month, as the receivables keep it in `billing_arrears_month`. */
interface Position {
  account: string;
  customer: string;
  month: string;
  upTo30?: bigint;
  days31To90?: bigint;
  over90?: bigint;
  notDue?: bigint;
  unallocated?: bigint;
}

/** A province's copy of one customer-month, or a slice line, as compared here. */
type Figures = [
  upTo30: string,
  days31To90: string,
  over90: string,
  notDue: string,
  unallocated: string,
  accounts: number,
];
type Line = [industry: string, grade: string, ...figures: Figures, customers: number];

interface RunView {
  id: string;
  measure: string;
  status: string;
  children: { node: string; answered: boolean; differences: unknown[]; resyncRequested: unknown }[];
}

interface ArrearsReport {
  from: string;
  to: string;
  groupBy: string[];
  rows: Record<string, string | number>[];
  totals: Record<string, string | number>;
}

interface Problem {
  errors?: { field: string; message: string }[];
}

/**
 * Arrears reported upward, CN, one province (440000) and one city (440300) as real processes: the
 * city's customer-month cells reach the province's detail, the province derives (city, industry,
 * grade, month) slices for CN, both answer GET /api/v1/analytics/arrears, a reconciliation of
 * `arrears` matches at both parents, and a customer's change of industry at the city moves its
 * arrears between CN's slice lines.
 *
 * The month rows at the city are written here straight into `billing_arrears_month` (the bookings
 * of bills and payments that keep them are built apart). What carries them upward is the node's
 * own: a reconciliation of `arrears` at the province finds the lines it lacks and asks the city
 * for them again, and the city's source marks its cells of those months (the marking the
 * receivables' change listener drives, tested against the database in
 * test/billing/arrears-reporting.int-spec.ts) for the reporter.
 */
describe('arrears reported upward', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  let cityAdmin: string;
  const customer: Record<'c1' | 'c2' | 'c3', string> = { c1: '', c2: '', c3: '' };
  const positions: Position[] = [];

  async function put(...rows: Position[]): Promise<void> {
    positions.push(...rows);
    await fed.sql(
      CITY,
      `INSERT INTO billing_arrears_month
         (account_id, billing_month, customer_id, as_of, up_to_30_fen, days_31_to_90_fen, over_90_fen,
          not_due_fen, unallocated_fen)
       SELECT account_id, billing_month, customer_id,
              (to_date(billing_month, 'YYYY-MM') + interval '1 month - 1 day')::date,
              a, b, c, d, e
         FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::bigint[], $6::bigint[],
                     $7::bigint[], $8::bigint[])
           AS p(account_id, billing_month, customer_id, a, b, c, d, e)`,
      [
        rows.map((r) => r.account),
        rows.map((r) => r.month),
        rows.map((r) => r.customer),
        rows.map((r) => (r.upTo30 ?? 0n).toString()),
        rows.map((r) => (r.days31To90 ?? 0n).toString()),
        rows.map((r) => (r.over90 ?? 0n).toString()),
        rows.map((r) => (r.notDue ?? 0n).toString()),
        rows.map((r) => (r.unallocated ?? 0n).toString()),
      ],
    );
  }

  /** The test's own sums of the positions of a customer-month. */
  function truthOf(customerId: string, month: string): Figures {
    const mine = positions.filter((p) => p.customer === customerId && p.month === month);
    const sum = (f: (p: Position) => bigint | undefined) =>
      mine.reduce((s, p) => s + (f(p) ?? 0n), 0n).toString();
    return [
      sum((p) => p.upTo30),
      sum((p) => p.days31To90),
      sum((p) => p.over90),
      sum((p) => p.notDue),
      sum((p) => p.unallocated),
      mine.length,
    ];
  }

  const detail = (month: string) =>
    fed
      .sql<{ c: string; a: string; b: string; o: string; n: string; u: string; k: number }>(
        PROVINCE,
        `SELECT customer_id AS c, up_to_30_fen::text AS a, days_31_to_90_fen::text AS b, over_90_fen::text AS o,
                not_due_fen::text AS n, unallocated_fen::text AS u, accounts AS k
           FROM city_customer_arrears WHERE city_code = $1 AND billing_month = $2 ORDER BY customer_id`,
        [CITY, month],
      )
      .then((rows) => Object.fromEntries(rows.map((r) => [r.c, [r.a, r.b, r.o, r.n, r.u, r.k] as Figures])));

  const lines = (node: string, month: string): Promise<Line[]> =>
    fed
      .sql<{
        i: string;
        g: string;
        a: string;
        b: string;
        o: string;
        n: string;
        u: string;
        k: number;
        c: number;
      }>(
        node,
        `SELECT industry AS i, grade AS g, up_to_30_fen::text AS a, days_31_to_90_fen::text AS b,
                over_90_fen::text AS o, not_due_fen::text AS n, unallocated_fen::text AS u, accounts AS k,
                customers AS c
           FROM arrears_rollup_cell WHERE city_code = $1 AND billing_month = $2 ORDER BY industry, grade`,
        [CITY, month],
      )
      .then((rows) => rows.map((r): Line => [r.i, r.g, r.a, r.b, r.o, r.n, r.u, r.k, r.c]));

  const sliceVersion = async (node: string, month: string): Promise<bigint> => {
    const [row] = await fed.sql<{ v: string }>(
      node,
      'SELECT version::text AS v FROM arrears_slice WHERE city_code = $1 AND billing_month = $2',
      [CITY, month],
    );
    return row ? BigInt(row.v) : 0n;
  };

  async function reconcile(node: NodeProcess, token: string): Promise<RunView> {
    const res = await node.request<RunView>('POST', '/api/v1/reconciliations', {
      token,
      body: { measure: ARREARS, from: LAST_MONTH, to: MONTH },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ measure: ARREARS, status: 'running' });
    return waitFor(
      `the arrears reconciliation ${res.body.id} at ${node.spec.code}`,
      () => node.get<RunView>(`/api/v1/reconciliations/${res.body.id}`, token),
      (run) => run.status !== 'running',
      60_000,
      200,
    );
  }

  const arrears = (node: NodeProcess, token: string, query: string) =>
    node.request<ArrearsReport & Problem>('GET', `/api/v1/analytics/arrears?${query}`, { token });

  beforeAll(async () => {
    // The topology's other children run no process: their silence ends a run after 5 s.
    const runs = { RECONCILIATION_ANSWER_TIMEOUT_MS: '5000' };
    cn = await fed.addNode('CN', 'national', runs);
    province = await fed.addNode(PROVINCE, 'province', { ...runs, USAGE_SLICE_INTERVAL_MS: '100' });
    city = await fed.addNode(CITY, 'city', { USAGE_REPORT_INTERVAL_MS: '100' });
    await Promise.all([cn, province, city].map((n) => n.startAndWaitReady()));
    cityAdmin = await tokenFor({ roles: 'city_admin', node: CITY });
    const register = async (industry: string, grade: string): Promise<string> => {
      const res = await city.request<{ id: string }>('POST', '/api/v1/customers', {
        token: cityAdmin,
        body: customerBody({ industry, grade, creditCode: creditCode(CITY) }),
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    customer.c1 = await register('I', 'A');
    customer.c2 = await register('I', 'A');
    customer.c3 = await register('C', 'B');
    await waitFor(
      'the three customers at the province',
      () => fed.count(PROVINCE, 'SELECT count(*)::int AS n FROM reported_customer'),
      (n) => n === 3,
    );
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  it('brings the city’s month rows to the province detail, to the fen, through a reconciliation that finds them missing', async () => {
    const [a1, a2, b1, d1] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await put(
      { account: a1, customer: customer.c1, month: MONTH, upTo30: 100_000n, notDue: 50_000n },
      // Beyond 2^53 fen: exact all the way to CN.
      { account: a2, customer: customer.c1, month: MONTH, over90: 9_007_199_254_740_993n },
      { account: a1, customer: customer.c1, month: LAST_MONTH, days31To90: 20_000n },
      { account: b1, customer: customer.c2, month: MONTH, days31To90: 70_000n, unallocated: 5_000n },
      { account: d1, customer: customer.c3, month: MONTH, notDue: 80_000n },
    );
    const admin = await tokenFor({ roles: 'province_admin', node: PROVINCE });
    const run = await reconcile(province, admin);
    // The province held nothing: both months of the city differ and are asked for again (the
    // topology's other cities run no process here and leave the run partial).
    const shenzhen = run.children.find((c) => c.node === CITY);
    expect(shenzhen).toMatchObject({ answered: true, resyncRequested: { months: [LAST_MONTH, MONTH] } });
    expect(shenzhen!.differences).toHaveLength(2);

    const expected = (month: string) =>
      Object.fromEntries(
        Object.values(customer)
          .filter((id) => positions.some((p) => p.customer === id && p.month === month))
          .map((id) => [id, truthOf(id, month)]),
      );
    await waitFor(
      'the province detail to equal the city rows',
      async () => JSON.stringify([await detail(MONTH), await detail(LAST_MONTH)]),
      (seen) => seen === JSON.stringify([expected(MONTH), expected(LAST_MONTH)]),
      60_000,
      200,
    );
    expect(await detail(MONTH)).toEqual({
      [customer.c1]: ['100000', '0', '9007199254740993', '50000', '0', 2],
      [customer.c2]: ['0', '70000', '0', '0', '5000', 1],
      [customer.c3]: ['0', '0', '0', '80000', '0', 1],
    });
    // No personal data went up: the province's copy holds ids and figures only.
    const columns = await fed.sql<{ column_name: string }>(
      PROVINCE,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'city_customer_arrears'`,
    );
    expectEvery(
      columns.map((c) => c.column_name),
      (name) => !/name|phone|email|account_number/.test(name),
      'a column of the province copy that names no personal data',
    );
  });

  it('derives (city, industry, grade, month) slices at the province, which CN holds the same', async () => {
    const wanted: Line[] = [
      ['C', 'B', '0', '0', '0', '80000', '0', 1, 1],
      ['I', 'A', '100000', '70000', '9007199254740993', '50000', '5000', 3, 2],
    ];
    await waitFor(
      'the slice of this month at CN',
      () => lines('CN', MONTH),
      (l) => JSON.stringify(l) === JSON.stringify(wanted),
      60_000,
      200,
    );
    expect(await lines(PROVINCE, MONTH)).toEqual(wanted);
    await waitFor(
      'the slice of last month at CN',
      () => lines('CN', LAST_MONTH),
      (l) => JSON.stringify(l) === JSON.stringify([['I', 'A', '0', '20000', '0', '0', '0', 1, 1]]),
      60_000,
      200,
    );
    expect(await sliceVersion('CN', MONTH)).toBe(await sliceVersion(PROVINCE, MONTH));
  });

  it('answers GET /api/v1/analytics/arrears at the province and CN alike, and refuses bad input naming the field', async () => {
    const analyst = await tokenFor({ roles: 'province_analyst', node: PROVINCE });
    const hq = await tokenFor({ roles: 'hq_analyst', node: 'CN' });
    const byIndustry = `groupBy=industry,grade&from=${MONTH}&to=${MONTH}`;
    const atProvince = await arrears(province, analyst, byIndustry);
    const atCn = await arrears(cn, hq, byIndustry);
    expect([atProvince.status, atCn.status]).toEqual([200, 200]);
    expect(atProvince.body.rows).toEqual(atCn.body.rows);
    expect(atCn.body.rows).toEqual([
      {
        industry: 'C',
        grade: 'B',
        upTo30Fen: '0',
        days31To90Fen: '0',
        over90Fen: '0',
        arrearsFen: '0',
        notDueFen: '80000',
        unallocatedFen: '0',
        accounts: 1,
        customerMonths: 1,
      },
      {
        industry: 'I',
        grade: 'A',
        upTo30Fen: '100000',
        days31To90Fen: '70000',
        over90Fen: '9007199254740993',
        arrearsFen: '9007199254910993',
        notDueFen: '50000',
        unallocatedFen: '5000',
        accounts: 3,
        customerMonths: 2,
      },
    ]);
    expect(atCn.body.totals).toMatchObject({
      arrearsFen: '9007199254910993',
      notDueFen: '130000',
      accounts: 4,
    });

    const byMonth = await arrears(
      cn,
      hq,
      `groupBy=province,city,month&from=${LAST_MONTH}&to=${MONTH}&cityCode=${CITY}`,
    );
    expect(byMonth.status).toBe(200);
    expect(byMonth.body.rows.map((r) => [r.province, r.city, r.month, r.arrearsFen])).toEqual([
      [PROVINCE, CITY, LAST_MONTH, '20000'],
      [PROVINCE, CITY, MONTH, '9007199254910993'],
    ]);
    const filtered = await arrears(cn, hq, `groupBy=grade&provinceCode=${PROVINCE}&industry=C&grade=B,C`);
    expect(filtered.body.rows.map((r) => [r.grade, r.notDueFen])).toEqual([['B', '80000']]);

    const refusals: [NodeProcess, string, string, string][] = [
      [province, analyst, 'groupBy=province', 'groupBy'],
      [province, analyst, `provinceCode=${PROVINCE}`, 'provinceCode'],
      [cn, hq, 'groupBy=valueClass', 'groupBy'],
      [cn, hq, `from=${LAST_MONTH}&to=${MONTH}&groupBy=city`, 'groupBy'],
      [cn, hq, 'from=2026-13', 'from'],
      [cn, hq, 'cityCode=110100', 'cityCode'],
      [cn, hq, 'industry=ZZ', 'industry'],
      [cn, hq, 'grade=D', 'grade'],
    ];
    for (const [node, token, query, field] of refusals) {
      const res = await arrears(node, token, query);
      expect([
        query,
        res.status,
        res.headers.get('content-type'),
        res.body.errors?.map((e) => e.field),
      ]).toEqual([query, 400, expect.stringContaining('application/problem+json'), [field]]);
    }
  });

  it('reconciles arrears by totals at the province and at CN without a difference', async () => {
    const provinceRun = await reconcile(
      province,
      await tokenFor({ roles: 'province_admin', node: PROVINCE }),
    );
    const cnRun = await reconcile(cn, await tokenFor({ roles: 'hq_admin', node: 'CN' }));
    // The children that run here answer and match; the topology's others stay silent.
    for (const [run, child] of [
      [provinceRun, CITY],
      [cnRun, PROVINCE],
    ] as const) {
      expect(run.children.find((c) => c.node === child)).toMatchObject({ answered: true, differences: [] });
      expectEvery(run.children, (c) => c.differences.length === 0, 'a child without a difference');
    }
  });

  it('moves a customer’s arrears to its new industry at CN when the city changes it', async () => {
    const before = await sliceVersion('CN', MONTH);
    const res = await city.request('PATCH', `/api/v1/customers/${customer.c2}`, {
      token: cityAdmin,
      body: { industry: 'C' },
    });
    expect(res.status).toBe(200);
    const wanted: Line[] = [
      ['C', 'A', '0', '70000', '0', '0', '5000', 1, 1],
      ['C', 'B', '0', '0', '0', '80000', '0', 1, 1],
      ['I', 'A', '100000', '0', '9007199254740993', '50000', '0', 2, 1],
    ];
    await waitFor(
      'c2 under industry C at CN',
      () => lines('CN', MONTH),
      (l) => JSON.stringify(l) === JSON.stringify(wanted),
      60_000,
      200,
    );
    expect(await sliceVersion('CN', MONTH)).toBeGreaterThan(before);
    // Last month c2 had no account: its slice is untouched.
    expect(await lines('CN', LAST_MONTH)).toEqual([['I', 'A', '0', '20000', '0', '0', '0', 1, 1]]);
  });
});
