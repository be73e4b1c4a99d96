import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { CubeSummaries } from '@kaf/national-cube';
import { fieldsOf } from '../agreements/sales-builders';
import { groupBody } from '../groups/group-builders';
import { tokenFor } from '../support/auth';
import { FederationFixture } from '../support/federation-fixture';
import { BOOT_HOOK_TIMEOUT_MS, type NodeProcess } from '../support/node-process';
import { databaseUrl } from '../support/test-database';

/** A cube cell as the slice builder (province) or the slice receiver (national) writes it. */
interface Cell {
  month: string;
  city: string;
  industry: string;
  valueClass: string;
  grade: string;
  product: string;
  revenue: string;
  customers: number;
  events: number;
}

const cell = (
  month: string,
  city: string,
  [industry, valueClass, grade]: [string, string, string],
  product: string,
  revenue: string,
  customers: number,
  events: number,
): Cell => ({ month, city, industry, valueClass, grade, product, revenue, customers, events });

const I_HV_A: [string, string, string] = ['I', 'high_value', 'A'];
const J_ST_B: [string, string, string] = ['J', 'standard', 'B'];
const I_ST_B: [string, string, string] = ['I', 'standard', 'B'];

/**
 * Guangdong's cube: Shenzhen (440300) in 2025-05, 2026-04 and 2026-05, Guangzhou (440100) in
 * 2026-05 only. Every "*" line equals the sum of its product lines in revenue and events.
 */
const GUANGDONG: Cell[] = [
  cell('2025-05', '440300', I_HV_A, '*', '4000000', 1, 5),
  cell('2025-05', '440300', I_HV_A, 'sd_wan', '4000000', 1, 5),
  cell('2026-04', '440300', I_HV_A, '*', '5000000', 1, 8),
  cell('2026-04', '440300', I_HV_A, 'sd_wan', '5000000', 1, 8),
  cell('2026-04', '440300', J_ST_B, '*', '900000', 2, 7),
  cell('2026-04', '440300', J_ST_B, 'iot', '900000', 2, 7),
  cell('2026-05', '440300', I_HV_A, '*', '6000000', 1, 10),
  cell('2026-05', '440300', I_HV_A, 'sd_wan', '4000000', 1, 6),
  cell('2026-05', '440300', I_HV_A, 'cloud', '2000000', 1, 4),
  cell('2026-05', '440300', J_ST_B, '*', '1000001', 3, 9),
  cell('2026-05', '440300', J_ST_B, 'iot', '1000001', 3, 9),
  cell('2026-05', '440100', I_ST_B, '*', '500000', 2, 5),
  cell('2026-05', '440100', I_ST_B, 'sd_wan', '500000', 2, 5),
];

/** Zhejiang's cube at the national node: Hangzhou (330100) in 2026-04 and 2026-05. */
const ZHEJIANG: Cell[] = [
  cell('2026-04', '330100', I_ST_B, '*', '300000', 1, 3),
  cell('2026-04', '330100', I_ST_B, 'idc', '300000', 1, 3),
  cell('2026-05', '330100', I_HV_A, '*', '7000000', 2, 12),
  cell('2026-05', '330100', I_HV_A, 'idc', '7000000', 2, 12),
];

const PROVINCE_OF: Record<string, string> = {
  '440100': '440000',
  '440300': '440000',
  '330100': '330000',
  '330200': '330000',
};

interface Figures {
  revenueFen: string;
  eventCount: number;
  customerMonths: number;
  arpuFen: string;
}
interface Row extends Figures {
  [dim: string]: unknown;
  mom?: { previousRevenueFen: string; growth: number | null };
  yoy?: { previousRevenueFen: string; growth: number | null };
}
interface Report {
  from: string;
  to: string;
  groupBy: string[];
  rows: Row[];
  rowCount: number;
  totals: Figures;
}

/**
 * Analytics over controlled cube rows written straight into the node databases: revenue to the
 * fen with ARPU and growth, the per-province summary at the national node agreeing with the city
 * cells, completeness on time and late against the deadline, freshness, top customers at the
 * province, group customers at the national node, validation and reach.
 */
describe('analytics at province and national nodes', () => {
  const fed = new FederationFixture();
  let cn: NodeProcess;
  let gd: NodeProcess;
  let hq: string;
  let gdAnalyst: string;

  beforeAll(async () => {
    cn = await fed.addNode('CN', 'national');
    // Guangdong's deadline is day 6, the national node keeps the default of day 5.
    gd = await fed.addNode('440000', 'province', { ANALYTICS_REPORT_DEADLINE_DAY: '6' });
    await Promise.all([cn.startAndWaitReady(), gd.startAndWaitReady()]);
    hq = await tokenFor({ roles: 'hq_analyst', node: 'CN' });
    gdAnalyst = await tokenFor({ roles: 'province_analyst', node: '440000' });
    await insertCells('440000', GUANGDONG);
    await insertCells('CN', [...GUANGDONG, ...ZHEJIANG]);
    await refreshSummaries('CN', [...GUANGDONG, ...ZHEJIANG]);
  }, BOOT_HOOK_TIMEOUT_MS);

  afterAll(() => fed.dispose(), 120_000);

  async function insertCells(node: string, cells: Cell[]): Promise<void> {
    for (const c of cells) {
      await fed.sql(
        node,
        `INSERT INTO usage_rollup_cell (billing_month, city_code, industry, value_class, grade, product,
           province_code, revenue_fen, customers, event_count) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [
          c.month,
          c.city,
          c.industry,
          c.valueClass,
          c.grade,
          c.product,
          PROVINCE_OF[c.city],
          c.revenue,
          c.customers,
          c.events,
        ],
      );
    }
  }

  /** What the national slice receiver does after replacing a slice, through the exported function. */
  async function refreshSummaries(node: string, cells: Cell[]): Promise<void> {
    const client = new Client({ connectionString: databaseUrl(fed.node(node).spec.database) });
    await client.connect();
    try {
      const slices = new Set(cells.map((c) => `${PROVINCE_OF[c.city]}|${c.month}`));
      for (const slice of slices) {
        const [province, month] = slice.split('|') as [string, string];
        await client.query('BEGIN');
        await CubeSummaries.refreshSlice(client, province, month);
        await client.query('COMMIT');
      }
    } finally {
      await client.end();
    }
  }

  async function revenue(node: NodeProcess, token: string, query: string): Promise<Report> {
    const res = await node.request<Report>('GET', `/api/v1/analytics/revenue?${query}`, { token });
    if (res.status !== 200) throw new Error(`revenue ${query}: ${res.status} ${res.text}`);
    return res.body;
  }

  describe('revenue at the province', () => {
    it('groups by city and month with ARPU, month-on-month and year-on-year growth to the fen', async () => {
      const report = await revenue(
        gd,
        gdAnalyst,
        'from=2026-04&to=2026-05&groupBy=city,month&compare=mom,yoy',
      );
      expect(report.groupBy).toEqual(['city', 'month']);
      expect(report.rows).toEqual([
        {
          city: '440100',
          cityName: expect.any(String),
          month: '2026-05',
          revenueFen: '500000',
          eventCount: 5,
          customerMonths: 2,
          arpuFen: '250000',
          mom: { previousRevenueFen: '0', growth: null },
          yoy: { previousRevenueFen: '0', growth: null },
        },
        {
          city: '440300',
          cityName: expect.any(String),
          month: '2026-04',
          revenueFen: '5900000',
          eventCount: 15,
          customerMonths: 3,
          arpuFen: '1966667', // 1,966,666.67
          mom: { previousRevenueFen: '0', growth: null },
          yoy: { previousRevenueFen: '0', growth: null },
        },
        {
          city: '440300',
          cityName: expect.any(String),
          month: '2026-05',
          revenueFen: '7000001',
          eventCount: 19,
          customerMonths: 4,
          arpuFen: '1750000', // 1,750,000.25
          mom: { previousRevenueFen: '5900000', growth: 0.1864 }, // 1,100,001 / 5,900,000
          yoy: { previousRevenueFen: '4000000', growth: 0.75 }, // 3,000,001 / 4,000,000
        },
      ]);
      expect(report.rowCount).toBe(3);
      expect(report.totals).toEqual({
        revenueFen: '13400001',
        eventCount: 39,
        customerMonths: 9,
        arpuFen: '1488889',
      });
    });

    it('without month grouped, compares the whole range with the range before it', async () => {
      const may = await revenue(gd, gdAnalyst, 'from=2026-05&to=2026-05&compare=mom');
      expect(may.rows).toEqual([
        {
          revenueFen: '7500001',
          eventCount: 24,
          customerMonths: 6,
          arpuFen: '1250000', // 1,250,000.17
          mom: { previousRevenueFen: '5900000', growth: 0.2712 }, // 1,600,001 / 5,900,000
        },
      ]);
      const twoMonths = await revenue(gd, gdAnalyst, 'from=2026-04&to=2026-05&compare=mom,yoy');
      expect(twoMonths.rows[0]).toMatchObject({
        revenueFen: '13400001',
        mom: { previousRevenueFen: '0', growth: null }, // 2026-02..03
        yoy: { previousRevenueFen: '4000000', growth: 2.35 }, // 2025-04..05: 9,400,001 / 4,000,000
      });
    });

    it('reads product lines when product is grouped, counting customers once in the totals', async () => {
      const report = await revenue(gd, gdAnalyst, 'from=2026-05&to=2026-05&groupBy=product');
      expect(
        report.rows.map((r) => [r.product, r.revenueFen, r.customerMonths, r.eventCount, r.arpuFen]),
      ).toEqual([
        ['cloud', '2000000', 1, 4, '2000000'],
        ['iot', '1000001', 3, 9, '333334'],
        ['sd_wan', '4500000', 3, 11, '1500000'],
      ]);
      // Revenue and events add up over products; customers come from the all-products line.
      expect(report.totals).toEqual({
        revenueFen: '7500001',
        eventCount: 24,
        customerMonths: 6,
        arpuFen: '1250000',
      });
      const sdWan = await revenue(gd, gdAnalyst, 'from=2026-04&to=2026-05&product=sd_wan&groupBy=city');
      expect(sdWan.rows.map((r) => [r.city, r.revenueFen, r.customerMonths])).toEqual([
        ['440100', '500000', 2],
        ['440300', '9000000', 2],
      ]);
    });

    it('filters by industry, value class and grade, sorts by revenue and limits', async () => {
      const report = await revenue(
        gd,
        gdAnalyst,
        'from=2026-04&to=2026-05&industry=I&valueClass=high_value&groupBy=grade',
      );
      expect(report.rows).toEqual([
        { grade: 'A', revenueFen: '11000000', eventCount: 18, customerMonths: 2, arpuFen: '5500000' },
      ]);
      const top = await revenue(
        gd,
        gdAnalyst,
        'from=2026-04&to=2026-05&groupBy=city&sort=-revenueFen&limit=1',
      );
      expect(top.rows.map((r) => [r.city, r.revenueFen])).toEqual([['440300', '12900001']]);
      expect(top.rowCount).toBe(2);
      expect(top.totals.revenueFen).toBe('13400001');
      const empty = await revenue(gd, gdAnalyst, 'from=2020-01&to=2020-03&groupBy=city');
      expect(empty).toMatchObject({
        rows: [],
        rowCount: 0,
        totals: { revenueFen: '0', customerMonths: 0, arpuFen: '0' },
      });
    });

    it('refuses malformed queries naming the field', async () => {
      const cases: [string, string][] = [
        ['from=2026-04&to=2026-05&groupBy=province', 'groupBy'],
        ['from=2026-04&to=2026-05&groupBy=city,city', 'groupBy'],
        ['from=2026-04&to=2026-05&groupBy=region', 'groupBy'],
        ['from=2026-13&to=2026-05', 'from'],
        ['from=2026-4&to=2026-05', 'from'],
        ['from=2099-01', 'to'], // to defaults to the current month
        ['from=2026-06&to=2026-05', 'to'],
        ['from=2021-01&to=2026-01', 'to'], // 61 months
        ['from=2026-04&to=2026-05&product=tv', 'product'],
        ['from=2026-04&to=2026-05&grade=D', 'grade'],
        ['from=2026-04&to=2026-05&valueClass=vip', 'valueClass'],
        ['from=2026-04&to=2026-05&industry=Z', 'industry'],
        ['from=2026-04&to=2026-05&compare=qoq', 'compare'],
        ['from=2026-04&to=2026-05&sort=name', 'sort'],
        ['from=2026-04&to=2026-05&limit=1001', 'limit'],
        ['from=2026-04&to=2026-05&province=440000', 'province'],
        ['from=2026-04&to=2026-05&city=330100', 'city'], // Zhejiang's city: not in this province
        ['from=2026-04&to=2026-05&colour=red', 'colour'],
      ];
      for (const [query, field] of cases) {
        const res = await gd.request('GET', `/api/v1/analytics/revenue?${query}`, { token: gdAnalyst });
        expect({ query, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
      }
      const range60 = await gd.request('GET', '/api/v1/analytics/revenue?from=2021-02&to=2026-01', {
        token: gdAnalyst,
      });
      expect(range60.status).toBe(200);
    });

    it('answers callers whose token reaches the province with analytics:read', async () => {
      const path = '/api/v1/analytics/revenue?from=2026-05&to=2026-05';
      expect((await gd.request('GET', path, { token: null })).status).toBe(401);
      // A national token reaches down to the province, over the same subtree.
      const fromHq = await gd.request<Report>('GET', path, { token: hq });
      expect([fromHq.status, fromHq.body.totals.revenueFen]).toEqual([200, '7500001']);
      const zhejiang = await tokenFor({ roles: 'province_analyst', node: '330000' });
      expect((await gd.request('GET', path, { token: zhejiang })).status).toBe(403);
      const shenzhenAdmin = await tokenFor({ roles: 'city_admin', node: '440300' });
      expect((await gd.request('GET', path, { token: shenzhenAdmin })).status).toBe(403);
    });
  });

  describe('revenue at the national node', () => {
    it('groups by province from the summary, equal to the city cells', async () => {
      const byProvince = await revenue(cn, hq, 'from=2026-04&to=2026-05&groupBy=province,month&compare=mom');
      expect(
        byProvince.rows.map((r) => [r.province, r.month, r.revenueFen, r.customerMonths, r.arpuFen, r.mom]),
      ).toEqual([
        ['330000', '2026-04', '300000', 1, '300000', { previousRevenueFen: '0', growth: null }],
        ['330000', '2026-05', '7000000', 2, '3500000', { previousRevenueFen: '300000', growth: 22.3333 }],
        ['440000', '2026-04', '5900000', 3, '1966667', { previousRevenueFen: '0', growth: null }],
        ['440000', '2026-05', '7500001', 6, '1250000', { previousRevenueFen: '5900000', growth: 0.2712 }],
      ]);
      expect(byProvince.totals).toEqual({
        revenueFen: '20700001',
        eventCount: 54,
        customerMonths: 12,
        arpuFen: '1725000',
      });
      // By industry and value class: the per-province summary, cities summed away.
      const byIndustry = await revenue(cn, hq, 'from=2026-04&to=2026-05&groupBy=industry,valueClass');
      expect(
        byIndustry.rows.map((r) => [r.industry, r.valueClass, r.revenueFen, r.customerMonths, r.eventCount]),
      ).toEqual([
        ['I', 'high_value', '18000000', 4, 30],
        ['I', 'standard', '800000', 3, 8],
        ['J', 'standard', '1900001', 5, 16],
      ]);
      expect(byIndustry.totals).toEqual(byProvince.totals);
      // Grouping by city reads the city cells: the same totals.
      const byCity = await revenue(cn, hq, 'from=2026-04&to=2026-05&groupBy=city');
      expect(byCity.totals).toEqual(byProvince.totals);
      expect(byCity.rows.map((r) => [r.city, r.revenueFen])).toEqual([
        ['330100', '7300000'],
        ['440100', '500000'],
        ['440300', '12900001'],
      ]);
      const idc = await revenue(
        cn,
        hq,
        'from=2026-05&to=2026-05&product=idc,sd_wan&groupBy=province,product',
      );
      expect(idc.rows.map((r) => [r.province, r.product, r.revenueFen, r.customerMonths])).toEqual([
        ['330000', 'idc', '7000000', 2],
        ['440000', 'sd_wan', '4500000', 3],
      ]);
    });

    it('filters by province and keeps the summary equal after a slice is replaced', async () => {
      const before = await revenue(cn, hq, 'from=2026-05&to=2026-05&province=330000');
      expect(before.rows[0]).toMatchObject({ revenueFen: '7000000', customerMonths: 2 });
      // Hangzhou's May slice is replaced: one more customer, 1,000,000 fen more.
      await fed.sql(
        'CN',
        `DELETE FROM usage_rollup_cell WHERE city_code = '330100' AND billing_month = '2026-05'`,
      );
      await insertCells('CN', [
        cell('2026-05', '330100', I_HV_A, '*', '8000000', 3, 14),
        cell('2026-05', '330100', I_HV_A, 'idc', '8000000', 3, 14),
      ]);
      await refreshSummaries('CN', [cell('2026-05', '330100', I_HV_A, '*', '0', 0, 0)]);
      const after = await revenue(cn, hq, 'from=2026-05&to=2026-05&province=330000');
      expect(after.rows[0]).toMatchObject({ revenueFen: '8000000', customerMonths: 3, arpuFen: '2666667' });
      const viaCities = await revenue(cn, hq, 'from=2026-05&to=2026-05&city=330100');
      expect(viaCities.rows[0]).toMatchObject({ revenueFen: '8000000', customerMonths: 3 });
      const unknown = await cn.request(
        'GET',
        '/api/v1/analytics/revenue?from=2026-05&to=2026-05&province=110000',
        { token: hq },
      );
      expect([unknown.status, fieldsOf(unknown.body)]).toEqual([400, ['province']]);
    });
  });

  describe('completeness and freshness', () => {
    const slice = (
      city: string,
      month: string,
      firstReportedAt: string,
      newestChangeAt: string,
      reportedAt: string,
    ) => ({
      city,
      month,
      firstReportedAt,
      newestChangeAt,
      reportedAt,
    });
    // April 2026 is due by the end of 5 May (national) / 6 May (Guangdong), Asia/Shanghai.
    const SLICES = [
      slice(
        '440100',
        '2026-04',
        '2026-05-03T10:00:00+08:00',
        '2026-05-02T09:00:00+08:00',
        '2026-05-20T08:00:00+08:00',
      ),
      slice(
        '440300',
        '2026-04',
        '2026-05-06T00:30:00+08:00',
        '2026-05-05T23:00:00+08:00',
        '2026-05-06T00:30:00+08:00',
      ),
      slice(
        '330100',
        '2026-04',
        '2026-05-05T23:59:59+08:00',
        '2026-05-05T20:00:00+08:00',
        '2026-05-05T23:59:59+08:00',
      ),
    ];

    beforeAll(async () => {
      for (const node of ['CN', '440000']) {
        for (const s of SLICES) {
          if (node === '440000' && PROVINCE_OF[s.city] !== '440000') continue;
          await fed.sql(
            node,
            `INSERT INTO usage_slice (city_code, billing_month, province_code, version, revenue_fen, event_count,
               customers, newest_change_at, first_reported_at, reported_at) VALUES ($1,$2,$3,1,0,0,0,$4,$5,$6)`,
            [s.city, s.month, PROVINCE_OF[s.city], s.newestChangeAt, s.firstReportedAt, s.reportedAt],
          );
        }
      }
    });

    it('national: per province, cities reported of expected, on time or late', async () => {
      const res = await cn.request<{
        deadlineDay: number;
        months: {
          month: string;
          deadline: string;
          citiesExpected: number;
          citiesReported: number;
          citiesOnTime: number;
          citiesLate: number;
          children: Record<string, unknown>[];
        }[];
      }>('GET', '/api/v1/analytics/completeness?from=2026-04&to=2026-05', { token: hq });
      expect(res.status).toBe(200);
      expect(res.body.deadlineDay).toBe(5);
      const [april, may] = res.body.months;
      expect(april).toMatchObject({
        month: '2026-04',
        deadline: '2026-05-05T16:00:00.000Z',
        citiesExpected: 4,
        citiesReported: 3,
        citiesOnTime: 2,
        citiesLate: 1,
      });
      expect(april!.children).toEqual([
        {
          code: '440000',
          name: expect.any(String),
          status: 'late',
          citiesExpected: 2,
          citiesReported: 2,
          citiesOnTime: 1,
          citiesLate: 1,
          missingCities: [],
        },
        {
          code: '330000',
          name: expect.any(String),
          status: 'incomplete',
          citiesExpected: 2,
          citiesReported: 1,
          citiesOnTime: 1,
          citiesLate: 0,
          missingCities: ['330200'],
        },
      ]);
      expect(may).toMatchObject({ month: '2026-05', citiesReported: 0 });
      expect(may!.children.map((c) => c.status)).toEqual(['missing', 'missing']);
    });

    it('province: per city with the first report, against its own deadline day', async () => {
      const res = await gd.request<{
        deadlineDay: number;
        months: { children: Record<string, unknown>[] }[];
      }>('GET', '/api/v1/analytics/completeness?from=2026-04&to=2026-04', { token: gdAnalyst });
      expect(res.body.deadlineDay).toBe(6);
      expect(res.body.months[0]!.children.map((c) => [c.code, c.status, c.firstReportedAt])).toEqual([
        ['440100', 'on_time', '2026-05-03T02:00:00.000Z'],
        ['440300', 'on_time', '2026-05-05T16:30:00.000Z'], // late by day 5, on time by day 6
      ]);
      const bad = await gd.request('GET', '/api/v1/analytics/completeness?from=2026-05&to=2026-04', {
        token: gdAnalyst,
      });
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['to']]);
    });

    it('freshness: per child the newest change and last report with their ages', async () => {
      const before = Date.now();
      const res = await cn.request<{
        overall: { newestChangeAt: string; lastReportedAt: string; ageSeconds: number };
        oldestChildReportedAt: string | null;
        children: {
          code: string;
          newestChangeAt: string | null;
          lastReportedAt: string | null;
          sinceReportSeconds: number | null;
        }[];
      }>('GET', '/api/v1/analytics/freshness', { token: hq });
      const after = Date.now();
      expect(res.status).toBe(200);
      expect(res.body.children.map((c) => [c.code, c.newestChangeAt, c.lastReportedAt])).toEqual([
        ['440000', '2026-05-05T15:00:00.000Z', '2026-05-20T00:00:00.000Z'],
        ['330000', '2026-05-05T12:00:00.000Z', '2026-05-05T15:59:59.000Z'],
      ]);
      expect(res.body.overall.newestChangeAt).toBe('2026-05-05T15:00:00.000Z');
      expect(res.body.oldestChildReportedAt).toBe('2026-05-05T15:59:59.000Z');
      const newest = Date.parse('2026-05-05T15:00:00.000Z');
      expect(res.body.overall.ageSeconds).toBeGreaterThanOrEqual(Math.floor((before - newest) / 1000));
      expect(res.body.overall.ageSeconds).toBeLessThanOrEqual(Math.ceil((after - newest) / 1000));
    });
  });

  describe('top customers at the province', () => {
    const c1 = randomUUID();
    const c2 = randomUUID();
    const c3 = randomUUID();
    const c4 = randomUUID(); // no snapshot yet

    beforeAll(async () => {
      const customers: [string, string, string, string, string, string | null][] = [
        [c1, '440300', '深圳甲科技有限公司', 'I', 'A', null],
        [c2, '440300', '深圳乙金融有限公司', 'J', 'B', 'G00000042'],
        [c3, '440100', '广州丙科技有限公司', 'I', 'B', null],
      ];
      for (const [id, city, name, industry, grade, group] of customers) {
        await fed.sql(
          '440000',
          `INSERT INTO reported_customer (id, city_code, version, name, credit_code, industry, classes, grade, status,
             group_code, updated_at) VALUES ($1,$2,1,$3,'91440300MA5TEST00X',$4,'{}',$5,$6,$7,now())`,
          [id, city, name, industry, grade, id === c2 ? 'suspended' : 'active', group],
        );
      }
      const usage: [string, string, string, string, string, number][] = [
        [c1, '440300', 'sd_wan', '2026-02', '5000000', 2],
        [c1, '440300', 'sd_wan', '2026-03', '5000000', 2],
        [c1, '440300', 'sd_wan', '2026-04', '5000000', 2],
        [c1, '440300', 'sd_wan', '2026-05', '4000000', 2],
        [c1, '440300', 'cloud', '2026-05', '2000000', 1],
        [c2, '440300', 'iot', '2026-02', '1000000', 3],
        [c2, '440300', 'iot', '2026-03', '1000000', 3],
        [c2, '440300', 'iot', '2026-04', '1000000', 3],
        [c2, '440300', 'iot', '2026-05', '300000', 1],
        [c3, '440100', 'sd_wan', '2026-05', '500000', 4],
        [c4, '440100', 'idc', '2026-05', '700000', 1],
      ];
      for (const [id, city, product, month, revenue, events] of usage) {
        await fed.sql(
          '440000',
          `INSERT INTO city_customer_usage (customer_id, product, billing_month, city_code, revenue_fen, quantity,
             event_count, version, changed_at) VALUES ($1,$2,$3,$4,$5,1,$6,1,now())`,
          [id, product, month, city, revenue, events],
        );
      }
    });

    interface Top {
      customers: Record<string, unknown>[];
    }
    const top = async (query: string): Promise<Top> => {
      const res = await gd.request<Top>('GET', `/api/v1/analytics/top-customers?${query}`, {
        token: gdAnalyst,
      });
      if (res.status !== 200) throw new Error(`top ${query}: ${res.status} ${res.text}`);
      return res.body;
    };

    it('ranks by revenue with the read model, value class and churn risk of the month', async () => {
      const may = await top('month=2026-05');
      expect(may.customers).toEqual([
        {
          rank: 1,
          customerId: c1,
          name: '深圳甲科技有限公司',
          city: '440300',
          industry: 'I',
          grade: 'A',
          groupCode: null,
          revenueFen: '6000000',
          eventCount: 3,
          monthRevenueFen: '6000000',
          valueClass: 'high_value',
          churnRisk: { atRisk: false, reasons: [] },
        },
        {
          rank: 2,
          customerId: c4,
          name: '?',
          city: '440100',
          industry: '?',
          grade: '?',
          groupCode: null,
          revenueFen: '700000',
          eventCount: 1,
          monthRevenueFen: '700000',
          valueClass: 'standard',
          churnRisk: { atRisk: false, reasons: [] },
        },
        expect.objectContaining({ rank: 3, customerId: c3, revenueFen: '500000', valueClass: 'standard' }),
        expect.objectContaining({
          rank: 4,
          customerId: c2,
          groupCode: 'G00000042',
          revenueFen: '300000',
          // 300,000 < 70% of the 1,000,000 average of February to April; and suspended.
          churnRisk: { atRisk: true, reasons: ['revenue_drop', 'suspended'] },
        }),
      ]);
    });

    it('filters by product, industry and city, and ranks a range', async () => {
      const ids = (t: Top) => t.customers.map((c) => [c.customerId, c.revenueFen]);
      expect(ids(await top('month=2026-05&product=sd_wan'))).toEqual([
        [c1, '4000000'],
        [c3, '500000'],
      ]);
      // Value class judges all products even when ranking one.
      expect((await top('month=2026-05&product=sd_wan')).customers[0]).toMatchObject({
        monthRevenueFen: '6000000',
        valueClass: 'high_value',
      });
      expect(ids(await top('month=2026-05&industry=I'))).toEqual([
        [c1, '6000000'],
        [c3, '500000'],
      ]);
      expect(ids(await top('month=2026-05&city=440100'))).toEqual([
        [c4, '700000'],
        [c3, '500000'],
      ]);
      expect(ids(await top('from=2026-04&to=2026-05&limit=2'))).toEqual([
        [c1, '11000000'],
        [c2, '1300000'],
      ]);
    });

    it('refuses malformed queries naming the field; the national node has no such route', async () => {
      const cases: [string, string][] = [
        ['month=2026-5', 'month'],
        ['month=2026-05&from=2026-01&to=2026-05', 'month'],
        ['from=2026-01&to=2025-12', 'to'],
        ['month=2026-05&limit=201', 'limit'],
        ['month=2026-05&city=330100', 'city'],
        ['month=2026-05&industry=?', 'industry'],
        ['month=2026-05&product=tv', 'product'],
      ];
      for (const [query, field] of cases) {
        const res = await gd.request('GET', `/api/v1/analytics/top-customers?${query}`, { token: gdAnalyst });
        expect({ query, status: res.status, fields: fieldsOf(res.body) }).toEqual({
          query,
          status: 400,
          fields: [field],
        });
      }
      expect(
        (await cn.request('GET', '/api/v1/analytics/top-customers?month=2026-05', { token: hq })).status,
      ).toBe(404);
      // HQ reads a province's aggregates, never its list of named customers.
      expect(
        (await gd.request('GET', '/api/v1/analytics/top-customers?month=2026-05', { token: hq })).status,
      ).toBe(403);
    });
  });

  describe('group customers at the national node', () => {
    it('sums members across cities and provinces, with names from the registry and ARPU per member', async () => {
      const admin = await tokenFor({ roles: 'hq_admin', node: 'CN' });
      const created = await cn.request<{ groupCode: string }>('POST', '/api/v1/group-customers', {
        token: admin,
        body: groupBody({ name: '中国示例集团有限公司' }),
      });
      expect(created.status).toBe(201);
      const g1 = created.body.groupCode;
      const g2 = 'G99999999'; // not (yet) in the registry
      const rows: [string, string, string, string, number, number][] = [
        [g1, '2026-04', '440300', '3000000', 2, 10],
        [g1, '2026-05', '440300', '3000001', 2, 11],
        [g1, '2026-05', '330100', '1000000', 1, 4],
        [g2, '2026-05', '440100', '9000000', 3, 30],
      ];
      for (const [group, month, city, revenue, customers, events] of rows) {
        await fed.sql(
          'CN',
          `INSERT INTO group_usage_cell (billing_month, city_code, group_code, province_code, revenue_fen, customers, event_count)
           VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [month, city, group, PROVINCE_OF[city], revenue, customers, events],
        );
      }
      const res = await cn.request<Record<string, unknown>[]>(
        'GET',
        '/api/v1/analytics/group-customers?from=2026-04&to=2026-05',
        { token: hq },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBe('2');
      expect(res.body).toEqual([
        {
          groupCode: g2,
          name: '?',
          revenueFen: '9000000',
          eventCount: 30,
          customerMonths: 3,
          cities: 1,
          provinces: 1,
          arpuFen: '3000000',
        },
        {
          groupCode: g1,
          name: '中国示例集团有限公司',
          revenueFen: '7000001',
          eventCount: 25,
          customerMonths: 5,
          cities: 2,
          provinces: 2,
          arpuFen: '1400000', // 1,400,000.2
        },
      ]);
      const one = await cn.request<Record<string, unknown>[]>(
        'GET',
        `/api/v1/analytics/group-customers?month=2026-05&group=${g1}`,
        { token: hq },
      );
      expect(one.body).toEqual([
        expect.objectContaining({ groupCode: g1, revenueFen: '4000001', customerMonths: 3 }),
      ]);
      const page2 = await cn.request<unknown[]>(
        'GET',
        '/api/v1/analytics/group-customers?from=2026-04&to=2026-05&offset=5',
        {
          token: hq,
        },
      );
      expect([page2.body, page2.headers.get('x-total-count')]).toEqual([[], '2']);
      const bad = await cn.request('GET', '/api/v1/analytics/group-customers?month=2026-05&group=X1', {
        token: hq,
      });
      expect([bad.status, fieldsOf(bad.body)]).toEqual([400, ['group']]);
      expect(
        (await gd.request('GET', '/api/v1/analytics/group-customers?month=2026-05', { token: gdAnalyst }))
          .status,
      ).toBe(404);
    });
  });
});
