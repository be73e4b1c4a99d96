import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  type FiguresReported,
  FiguresReportedSchema,
  FiguresResyncRequestSchema,
  FiguresTotalsReportSchema,
  FiguresTotalsRequestSchema,
  UsageRollupSliceSchema,
} from '@kaf/contracts';
import { EnvelopeSchema } from '@kaf/messaging/testing';
import { tokenFor } from '../support/auth';
import { creditCode, customerBody } from '../support/builders';
import { FederationFixture } from '../support/federation-fixture';
import { inboxPayloads } from '../support/inbox-injection';
import { metricValue } from '../support/metrics';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { readRecords } from '../support/topic-reader';
import { waitFor } from '../support/wait';
import { billingMonth, outboxRow } from './rollup-builders';

const PROVINCE = '440000';
const CITY = '440300';
const SOURCE = 'boss-billing';
/** 10,000 yuan: a customer billed this much or more in a month is high_value that month. */
const THRESHOLD_FEN = '1000000';
const MONTH = billingMonth();
const LAST_MONTH = billingMonth(-1);
const USAGE = 'usage';

/** A cube cell as the tables hold it, in a comparable order. */
type Cell = [
  industry: string,
  valueClass: string,
  grade: string,
  product: string,
  revenueFen: string,
  customers: number,
  events: string,
];
type GroupCell = [groupCode: string, revenueFen: string, customers: number, events: string];
interface Slice {
  version: string;
  revenue_fen: string;
  event_count: string;
  customers: number;
}

/**
 * The usage cube above the city: the province rebuilds a dirty (city, month) slice from its
 * cities' detail and the customers' current attributes, and the national node replaces its copy
 * of the slice as a whole when the version is newer. CN, one province (440000) and one city
 * (440300) as real processes. The province's detail is written here as the city's usage report
 * would write it (the city's own monthly cells copied over, the slice marked dirty).
 */
describe('usage cube slices', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let province: NodeProcess;
  let city: NodeProcess;
  let admin: string;
  let billing: string;
  const c: Record<'c1' | 'c2' | 'c3' | 'c4', string> = { c1: '', c2: '', c3: '', c4: '' };
  /** Usage of a customer whose snapshot never reached the province. */
  const ghost = randomUUID();
  let sequence = 0;

  const cells = (node: string, month = MONTH): Promise<Cell[]> =>
    fed
      .sql<{ i: string; v: string; g: string; p: string; r: string; n: number; e: string }>(
        node,
        `SELECT industry AS i, value_class AS v, grade AS g, product AS p, revenue_fen::text AS r,
                customers AS n, event_count::text AS e
           FROM usage_rollup_cell WHERE city_code = $1 AND billing_month = $2
          ORDER BY industry, value_class, grade, product`,
        [CITY, month],
      )
      .then((rows) => rows.map((x): Cell => [x.i, x.v, x.g, x.p, x.r, x.n, x.e]));
  const groupCells = (node: string, month = MONTH): Promise<GroupCell[]> =>
    fed
      .sql<{ g: string; r: string; n: number; e: string }>(
        node,
        `SELECT group_code AS g, revenue_fen::text AS r, customers AS n, event_count::text AS e
           FROM group_usage_cell WHERE city_code = $1 AND billing_month = $2 ORDER BY group_code`,
        [CITY, month],
      )
      .then((rows) => rows.map((x): GroupCell => [x.g, x.r, x.n, x.e]));
  const slice = async (node: string, month = MONTH, cityCode = CITY): Promise<Slice | undefined> =>
    (
      await fed.sql<Slice>(
        node,
        `SELECT version::text AS version, revenue_fen::text AS revenue_fen,
                event_count::text AS event_count, customers
           FROM usage_slice WHERE city_code = $1 AND billing_month = $2`,
        [cityCode, month],
      )
    )[0];

  /** Books usage events at the city through its REST door; every one must be accepted. */
  async function ingest(
    events: { customerId: string; product: string; amountFen: string; month?: string }[],
  ): Promise<void> {
    const body = {
      events: events.map((e) => ({
        eventId: `EV-${Date.now().toString(36)}-${(sequence++).toString(36)}`,
        customerId: e.customerId,
        product: e.product,
        billingMonth: e.month ?? MONTH,
        occurredAt: `${e.month ?? MONTH}-01T08:00:00+08:00`,
        amountFen: e.amountFen,
      })),
    };
    const res = await city.request<{ accepted: number }>('POST', '/api/v1/usage-batches', {
      token: billing,
      body,
    });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(events.length);
  }

  /** The city's monthly cells of `month`, copied into the province's detail; the slice marked dirty. */
  async function reportCityMonth(month: string): Promise<void> {
    const rows = await fed.sql<{
      customer_id: string;
      product: string;
      revenue_fen: string;
      quantity: string;
      event_count: number;
      version: string;
    }>(
      CITY,
      `SELECT customer_id, product, revenue_fen::text, quantity::text, event_count, version::text
         FROM billing_monthly_usage WHERE billing_month = $1`,
      [month],
    );
    await fed.sql(
      PROVINCE,
      `WITH cell AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::numeric[], $5::int[], $6::bigint[])
           AS x(customer_id, product, revenue_fen, quantity, event_count, version))
       INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       SELECT customer_id, product, $7, $8, revenue_fen, quantity, event_count, version, now() FROM cell
       ON CONFLICT (customer_id, product, billing_month) DO UPDATE SET
         revenue_fen = excluded.revenue_fen, quantity = excluded.quantity,
         event_count = excluded.event_count, version = excluded.version, changed_at = excluded.changed_at
       WHERE city_customer_usage.version < excluded.version`,
      [
        rows.map((r) => r.customer_id),
        rows.map((r) => r.product),
        rows.map((r) => r.revenue_fen),
        rows.map((r) => r.quantity),
        rows.map((r) => r.event_count),
        rows.map((r) => r.version),
        month,
        CITY,
      ],
    );
    await markDirty(month);
  }

  const markDirty = (month: string) =>
    fed.sql(
      PROVINCE,
      `INSERT INTO usage_slice_dirty (city_code, billing_month) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [CITY, month],
    );

  /** Waits until message `id` is dead-lettered at `node`; returns the reason. */
  async function deadLettered(node: string, id: string, what: string): Promise<string> {
    const [dead] = await waitFor(
      `${what} dead-lettered at ${node}`,
      () =>
        fed.sql<{ reason: string }>(node, 'SELECT reason FROM messaging_dead_letter WHERE message_id = $1', [
          id,
        ]),
      (rows) => rows.length === 1,
      30_000,
      100,
    );
    return dead!.reason;
  }

  /** Waits until CN holds the province's current version of the slice; returns that version. */
  async function builtAndApplied(month: string, after: bigint): Promise<bigint> {
    const built = await waitFor(
      `a slice of ${CITY} ${month} newer than ${after} at ${PROVINCE}`,
      async () => {
        const dirty = await fed.count(
          PROVINCE,
          'SELECT count(*)::int AS n FROM usage_slice_dirty WHERE city_code = $1 AND billing_month = $2',
          [CITY, month],
        );
        const s = await slice(PROVINCE, month);
        return dirty === 0 && s ? BigInt(s.version) : 0n;
      },
      (v) => v > after,
      30_000,
      100,
    );
    await waitFor(
      `version ${built} of ${CITY} ${month} at CN`,
      async () => (await slice('CN', month))?.version,
      (v) => v === built.toString(),
      30_000,
      100,
    );
    return built;
  }

  beforeAll(async () => {
    const env = { USAGE_HIGH_VALUE_MIN_MONTHLY_FEN: THRESHOLD_FEN };
    cn = await fed.addNode('CN', 'national', env);
    province = await fed.addNode(PROVINCE, 'province', { ...env, USAGE_SLICE_INTERVAL_MS: '100' });
    city = await fed.addNode(CITY, 'city', env);
    await Promise.all([cn, province, city].map((n) => n.startAndWaitReady()));
    admin = await tokenFor({ roles: 'city_admin', node: CITY });
    billing = await tokenFor({ roles: 'billing_system', node: CITY, subject: SOURCE });
    const register = async (industry: string, grade: string): Promise<string> => {
      const res = await city.request<{ id: string }>('POST', '/api/v1/customers', {
        token: admin,
        body: customerBody({ industry, grade, creditCode: creditCode(CITY) }),
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    c.c1 = await register('I', 'A');
    c.c2 = await register('I', 'A');
    c.c3 = await register('C', 'B');
    c.c4 = await register('I', 'A');
    await waitFor(
      'the four customers at the province',
      () => fed.count(PROVINCE, 'SELECT count(*)::int AS n FROM reported_customer'),
      (n) => n === 4,
    );
    // c1 and c3 belong to a national group (membership is the city's; the province's copy is
    // what the cube reads).
    await fed.sql(
      PROVINCE,
      `UPDATE reported_customer SET group_code = 'G00000042' WHERE id = ANY($1::uuid[])`,
      [[c.c1, c.c3]],
    );
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  let first: bigint;

  it('builds per-product and all-products cells, value classes by the threshold, and group cells; CN holds the same', async () => {
    await ingest([
      { customerId: c.c1, product: 'sd_wan', amountFen: '800000' },
      { customerId: c.c1, product: 'cloud', amountFen: '300000' },
      { customerId: c.c2, product: 'sd_wan', amountFen: '125000' },
      { customerId: c.c2, product: 'sd_wan', amountFen: '125000' },
      { customerId: c.c4, product: 'sd_wan', amountFen: '100000' },
      // Exactly the threshold: high_value.
      { customerId: c.c3, product: 'dedicated_internet', amountFen: '1000000' },
    ]);
    // A customer whose snapshot has not reached the province: filed under "?".
    await fed.sql(
      PROVINCE,
      `INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       VALUES ($1, 'iot', $2, $3, 50000, 0, 1, 1, now())`,
      [ghost, MONTH, CITY],
    );
    await reportCityMonth(MONTH);
    first = await builtAndApplied(MONTH, 0n);

    const expected: Cell[] = [
      ['?', 'standard', '?', '*', '50000', 1, '1'],
      ['?', 'standard', '?', 'iot', '50000', 1, '1'],
      ['C', 'high_value', 'B', '*', '1000000', 1, '1'],
      ['C', 'high_value', 'B', 'dedicated_internet', '1000000', 1, '1'],
      ['I', 'high_value', 'A', '*', '1100000', 1, '2'],
      ['I', 'high_value', 'A', 'cloud', '300000', 1, '1'],
      ['I', 'high_value', 'A', 'sd_wan', '800000', 1, '1'],
      ['I', 'standard', 'A', '*', '350000', 2, '3'],
      ['I', 'standard', 'A', 'sd_wan', '350000', 2, '3'],
    ];
    expect(await cells(PROVINCE)).toEqual(expected);
    expect(await cells('CN')).toEqual(expected);
    const groups: GroupCell[] = [['G00000042', '2100000', 2, '3']];
    expect(await groupCells(PROVINCE)).toEqual(groups);
    expect(await groupCells('CN')).toEqual(groups);
    const totals = { revenue_fen: '2500000', event_count: '7', customers: 5 };
    expect(await slice(PROVINCE)).toMatchObject({ version: first.toString(), ...totals });
    expect(await slice('CN')).toMatchObject({ version: first.toString(), ...totals });
    // Microseconds since the epoch: within a minute of now.
    expect(Number(first / 1000n)).toBeGreaterThan(Date.now() - 60_000);
    expect(
      await fed.count(
        'CN',
        `SELECT count(*)::int AS n FROM usage_rollup_cell WHERE province_code = $1 AND city_code = $2`,
        [PROVINCE, CITY],
      ),
    ).toBe(expected.length);
  });

  let second: bigint;

  it('moves a customer’s usage to its new grade in a rebuilt slice, and CN drops the old cells', async () => {
    const res = await city.request('PATCH', `/api/v1/customers/${c.c2}`, {
      token: admin,
      body: { grade: 'C' },
    });
    expect(res.status).toBe(200);
    await waitFor(
      'grade C at the province',
      async () =>
        (
          await fed.sql<{ grade: string }>(PROVINCE, 'SELECT grade FROM reported_customer WHERE id = $1', [
            c.c2,
          ])
        )[0]?.grade,
      (g) => g === 'C',
    );
    await markDirty(MONTH);
    second = await builtAndApplied(MONTH, first);
    expect(second).toBeGreaterThan(first);

    const expected: Cell[] = [
      ['?', 'standard', '?', '*', '50000', 1, '1'],
      ['?', 'standard', '?', 'iot', '50000', 1, '1'],
      ['C', 'high_value', 'B', '*', '1000000', 1, '1'],
      ['C', 'high_value', 'B', 'dedicated_internet', '1000000', 1, '1'],
      ['I', 'high_value', 'A', '*', '1100000', 1, '2'],
      ['I', 'high_value', 'A', 'cloud', '300000', 1, '1'],
      ['I', 'high_value', 'A', 'sd_wan', '800000', 1, '1'],
      ['I', 'standard', 'A', '*', '100000', 1, '1'],
      ['I', 'standard', 'A', 'sd_wan', '100000', 1, '1'],
      ['I', 'standard', 'C', '*', '250000', 1, '2'],
      ['I', 'standard', 'C', 'sd_wan', '250000', 1, '2'],
    ];
    expect(await cells(PROVINCE)).toEqual(expected);
    expect(await cells('CN')).toEqual(expected);
    expect(await slice('CN')).toMatchObject({ revenue_fen: '2500000', event_count: '7', customers: 5 });
  });

  it('ignores an older version of the slice delivered again', async () => {
    const records = await readRecords(
      `${fed.namespace}.CN.in`,
      (r) => fromBinary(EnvelopeSchema, r.value).type === FiguresReportedSchema.typeName,
      2,
    );
    const sent = records
      .map((r) => fromBinary(FiguresReportedSchema, fromBinary(EnvelopeSchema, r.value).payload))
      .filter((m) => m.measure === USAGE && m.reporter === PROVINCE);
    // One slice per message, keyed "" within its city and month.
    const older = sent.find((m) =>
      m.cells.some((c) => c.cityCode === CITY && c.billingMonth === MONTH && c.version === first),
    );
    expect(older?.cells).toHaveLength(1);
    expect(older!.cells[0]!.key).toBe('');
    expect(fromBinary(UsageRollupSliceSchema, older!.cells[0]!.body).cells).toHaveLength(9);
    const replay = outboxRow(
      fed.namespace,
      { source: PROVINCE, target: 'CN', key: `${USAGE}:${CITY}:${MONTH}` },
      FiguresReportedSchema,
      older!,
    );
    await fed.sql(PROVINCE, replay.sql, replay.params);
    await waitFor(
      'the replay handled at CN',
      () =>
        fed.count('CN', 'SELECT count(*)::int AS n FROM messaging_inbox WHERE message_id = $1', [replay.id]),
      (n) => n === 1,
      30_000,
      100,
    );
    expect(
      await metricValue(cn, 'kaf_figures_cells_received_total', { measure: USAGE, outcome: 'stale' }),
    ).toBe(1);
    expect((await slice('CN'))?.version).toBe(second.toString());
    expect(await cells('CN')).toEqual(await cells(PROVINCE));
    expect(await cells('CN')).toContainEqual(['I', 'standard', 'C', '*', '250000', 1, '2']);
    expect(
      await fed.count('CN', 'SELECT count(*)::int AS n FROM messaging_dead_letter WHERE message_id = $1', [
        replay.id,
      ]),
    ).toBe(0);
  });

  /** A slice of `cityCode` as the province would report it, `reporter` named as its sender. */
  const sliceReport = (cityCode: string, version: bigint, reporter = PROVINCE): FiguresReported =>
    create(FiguresReportedSchema, {
      measure: USAGE,
      reporter,
      cells: [
        {
          cityCode,
          billingMonth: MONTH,
          key: '',
          version,
          changedAt: timestampFromDate(new Date()),
          body: toBinary(
            UsageRollupSliceSchema,
            create(UsageRollupSliceSchema, {
              cells: [
                {
                  industry: 'I',
                  valueClass: 'standard',
                  grade: 'A',
                  product: '*',
                  revenueFen: 999n,
                  customers: 1,
                  eventCount: 1n,
                },
              ],
            }),
          ),
        },
      ],
    });

  it('refuses a province’s slice for a city of another province', async () => {
    const version = second + 1_000_000n;
    const row = outboxRow(
      fed.namespace,
      { source: PROVINCE, target: 'CN', key: `${USAGE}:330100:${MONTH}` },
      FiguresReportedSchema,
      sliceReport('330100', version),
    );
    await fed.sql(PROVINCE, row.sql, row.params);
    expect(await deadLettered('CN', row.id, 'the foreign slice')).toContain(
      `usage figures from 440000: cell 0 ("330100" "${MONTH}" "" v${version}) is not about a city within 440000`,
    );
    expect(
      await metricValue(cn, 'kaf_figures_cells_received_total', { measure: USAGE, outcome: 'refused' }),
    ).toBe(1);
    expect(await slice('CN', MONTH, '330100')).toBeUndefined();
    expect(
      await fed.count('CN', `SELECT count(*)::int AS n FROM usage_rollup_cell WHERE city_code = '330100'`),
    ).toBe(0);
  });

  it('refuses a province’s report that names another reporter, even about its own city', async () => {
    const row = outboxRow(
      fed.namespace,
      { source: PROVINCE, target: 'CN', key: `${USAGE}:${CITY}:${MONTH}` },
      FiguresReportedSchema,
      sliceReport(CITY, second + 1_000_000n, '330000'),
    );
    await fed.sql(PROVINCE, row.sql, row.params);
    expect(await deadLettered('CN', row.id, 'the misnamed report')).toContain(
      'usage figures from 440000: the report names 330000 as its reporter',
    );
    expect(
      await metricValue(cn, 'kaf_figures_cells_received_total', { measure: USAGE, outcome: 'refused' }),
    ).toBe(2);
    expect((await slice('CN'))?.version).toBe(second.toString());
    expect(await cells('CN')).toEqual(await cells(PROVINCE));
  });

  it('sends an emptied slice, so CN drops its cells', async () => {
    await ingest([
      { customerId: c.c4, product: 'idc', amountFen: '70000', month: LAST_MONTH },
      { customerId: c.c3, product: 'idc', amountFen: '30000', month: LAST_MONTH },
    ]);
    await reportCityMonth(LAST_MONTH);
    const built = await builtAndApplied(LAST_MONTH, 0n);
    expect(await cells('CN', LAST_MONTH)).toEqual([
      ['C', 'standard', 'B', '*', '30000', 1, '1'],
      ['C', 'standard', 'B', 'idc', '30000', 1, '1'],
      ['I', 'standard', 'A', '*', '70000', 1, '1'],
      ['I', 'standard', 'A', 'idc', '70000', 1, '1'],
    ]);
    expect(await groupCells('CN', LAST_MONTH)).toEqual([['G00000042', '30000', 1, '1']]);

    // The city's corrections took every event of the month out of force: its cells report zero.
    await fed.sql(
      PROVINCE,
      `UPDATE city_customer_usage SET revenue_fen = 0, event_count = 0, version = version + 1, changed_at = now()
        WHERE city_code = $1 AND billing_month = $2`,
      [CITY, LAST_MONTH],
    );
    await markDirty(LAST_MONTH);
    await builtAndApplied(LAST_MONTH, built);
    expect(await cells(PROVINCE, LAST_MONTH)).toEqual([]);
    expect(await cells('CN', LAST_MONTH)).toEqual([]);
    expect(await groupCells('CN', LAST_MONTH)).toEqual([]);
    expect(await slice('CN', LAST_MONTH)).toMatchObject({ revenue_fen: '0', event_count: '0', customers: 0 });
    // The other month is untouched.
    expect(await cells('CN')).toHaveLength(11);
  });

  it('answers CN’s totals request from its slices and rebuilds on CN’s resync request', async () => {
    const requestId = randomUUID();
    const ask = outboxRow(
      fed.namespace,
      { source: 'CN', target: PROVINCE, key: requestId },
      FiguresTotalsRequestSchema,
      create(FiguresTotalsRequestSchema, {
        measure: USAGE,
        requestId,
        billingMonths: [MONTH, LAST_MONTH, '2001-01'],
      }),
    );
    await fed.sql('CN', ask.sql, ask.params);
    const [answer] = await readRecords(
      `${fed.namespace}.CN.in`,
      (r) => r.key?.toString() === `${USAGE}:${requestId}`,
      1,
    );
    const envelope = fromBinary(EnvelopeSchema, answer!.value);
    expect(envelope.type).toBe(FiguresTotalsReportSchema.typeName);
    const report = fromBinary(FiguresTotalsReportSchema, envelope.payload);
    expect(report).toMatchObject({ measure: USAGE, requestId, reporter: PROVINCE });
    expect(report.billingMonths).toEqual(['2001-01', LAST_MONTH, MONTH].sort());
    expect(report.lines.map((l) => [l.cityCode, l.billingMonth, l.figures])).toEqual([
      [CITY, LAST_MONTH, { revenueFen: 0n, eventCount: 0n, cells: 0n }],
      [CITY, MONTH, { revenueFen: 2_500_000n, eventCount: 7n, cells: 6n }],
    ]);

    const before = BigInt((await slice('CN'))!.version);
    const resync = outboxRow(
      fed.namespace,
      { source: 'CN', target: PROVINCE, key: randomUUID() },
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, {
        measure: USAGE,
        requestId: randomUUID(),
        billingMonths: [MONTH],
        cityCodes: [CITY],
      }),
    );
    await fed.sql('CN', resync.sql, resync.params);
    const after = await builtAndApplied(MONTH, before);
    expect(after).toBeGreaterThan(before);
    expect(await cells('CN')).toEqual(await cells(PROVINCE));
    expect(await cells('CN')).toHaveLength(11);
    expect(await slice('CN')).toMatchObject({ revenue_fen: '2500000', event_count: '7', customers: 5 });

    // No months and no cities: every slice the province holds, each with a new version.
    const versions = async () => [(await slice('CN'))!.version, (await slice('CN', LAST_MONTH))!.version];
    const [month, lastMonth] = (await versions()).map(BigInt);
    const everything = outboxRow(
      fed.namespace,
      { source: 'CN', target: PROVINCE, key: randomUUID() },
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, { measure: USAGE, requestId: randomUUID() }),
    );
    await fed.sql('CN', everything.sql, everything.params);
    await builtAndApplied(MONTH, month!);
    await builtAndApplied(LAST_MONTH, lastMonth!);
    expect(await cells('CN')).toHaveLength(11);
    expect(await cells('CN', LAST_MONTH)).toEqual([]);
  });

  it('refuses CN’s requests about a measure it does not report, or about a city not its own', async () => {
    const asked = randomUUID();
    const unknown = outboxRow(
      fed.namespace,
      { source: 'CN', target: PROVINCE, key: asked },
      FiguresTotalsRequestSchema,
      create(FiguresTotalsRequestSchema, { measure: 'quality', requestId: asked, billingMonths: [MONTH] }),
    );
    const foreign = outboxRow(
      fed.namespace,
      { source: 'CN', target: PROVINCE, key: randomUUID() },
      FiguresResyncRequestSchema,
      create(FiguresResyncRequestSchema, {
        measure: USAGE,
        requestId: randomUUID(),
        billingMonths: [MONTH],
        cityCodes: [CITY, '330100'],
      }),
    );
    const version = (await slice(PROVINCE))!.version;
    for (const row of [unknown, foreign]) await fed.sql('CN', row.sql, row.params);
    expect(await deadLettered(PROVINCE, unknown.id, 'the totals request of an unknown measure')).toContain(
      'node 440000 reports no measure "quality"',
    );
    expect(await deadLettered(PROVINCE, foreign.id, 'the resync naming a city of Zhejiang')).toContain(
      'usage resync names 330100, which is not within 440000',
    );
    // Nothing was answered or rebuilt: no answer reached CN, and Shenzhen's slice was not marked again.
    const answers = await inboxPayloads(fed.namespace, 'CN', FiguresTotalsReportSchema);
    expect(answers.filter((a) => a.payload.requestId === asked)).toEqual([]);
    expect((await slice(PROVINCE))!.version).toBe(version);
    expect(
      await fed.count(
        PROVINCE,
        'SELECT count(*)::int AS n FROM usage_slice_dirty WHERE city_code = $1 AND billing_month = $2',
        [CITY, MONTH],
      ),
    ).toBe(0);
  });

  it('holds back a slice that cannot be built while the others are built, and retries it', async () => {
    const broken = '2001-02';
    // Two cells whose all-products sum does not fit a bigint: the build of that slice fails.
    await fed.sql(
      PROVINCE,
      `INSERT INTO city_customer_usage
         (customer_id, product, billing_month, city_code, revenue_fen, quantity, event_count, version, changed_at)
       VALUES ($1, 'cloud', $2, $3, 9000000000000000000, 0, 1, 1, now()),
              ($1, 'idc', $2, $3, 9000000000000000000, 0, 1, 1, now())`,
      [randomUUID(), broken, CITY],
    );
    await markDirty(broken);
    const before = BigInt((await slice(PROVINCE, LAST_MONTH))!.version);
    await markDirty(LAST_MONTH);
    await builtAndApplied(LAST_MONTH, before);
    await waitFor(
      'a failed build',
      () => metricValue(province, 'kaf_figures_report_failures_total', { measure: USAGE }),
      (n) => n >= 1,
    );
    expect(await slice(PROVINCE, broken)).toBeUndefined();
    expect(
      await fed.count(
        PROVINCE,
        'SELECT count(*)::int AS n FROM usage_slice_dirty WHERE city_code = $1 AND billing_month = $2',
        [CITY, broken],
      ),
    ).toBe(1);

    // Once the detail is mended, a retry builds it.
    await fed.sql(PROVINCE, 'UPDATE city_customer_usage SET revenue_fen = 1000 WHERE billing_month = $1', [
      broken,
    ]);
    await builtAndApplied(broken, 0n);
    expect(await cells('CN', broken)).toEqual([
      ['?', 'standard', '?', '*', '2000', 1, '2'],
      ['?', 'standard', '?', 'cloud', '1000', 1, '1'],
      ['?', 'standard', '?', 'idc', '1000', 1, '1'],
    ]);
  });

  it('counts builds, reports and the backlog in its metrics', async () => {
    const built = await metricValue(province, 'kaf_usage_slices_built_total');
    // Four builds of this month, four of the last one and one of the mended one, at least.
    expect(built).toBeGreaterThanOrEqual(9);
    // A slice is one cell and goes in a message of its own.
    expect(await metricValue(province, 'kaf_figures_cells_reported_total', { measure: USAGE })).toBe(built);
    expect(await metricValue(province, 'kaf_figures_report_messages_total', { measure: USAGE })).toBe(built);
    expect(await metricValue(province, 'kaf_usage_slice_build_seconds_count')).toBe(built);
    // Set by the reporter's round (every 25 ms here), not at scrape.
    await waitFor(
      'an empty backlog in the metrics',
      () => metricValue(province, 'kaf_figures_report_backlog', { measure: USAGE }),
      (n) => n === 0,
      5_000,
      50,
    );
    expect(
      await metricValue(cn, 'kaf_figures_cells_received_total', { measure: USAGE, outcome: 'applied' }),
    ).toBe(built);
  });
});
