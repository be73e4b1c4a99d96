import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AccessScope } from '@kaf/auth';
import { Topology } from '@kaf/federation';
import { CubeSummaries, NATIONAL_CUBE_ENTITIES, NATIONAL_CUBE_MIGRATIONS } from '@kaf/national-cube';
import { PROVINCE_USAGE_ENTITIES, PROVINCE_USAGE_MIGRATIONS } from '@kaf/province-usage';
import { type RevenueQuery, RevenueService } from '@kaf/usage-analytics/testing';
import { REPO_ROOT } from '../support/paths';
import { nodeIdentity } from '../support/builders';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait';

const PROVINCE_OF: Record<string, string> = { '440100': '440000', '440300': '440000', '330100': '330000' };
const SUMMARIES = ['usage_rollup_province_cell', 'usage_city_product_cell', 'usage_province_product_cell'];

/**
 * The national cube's summaries against a real PostgreSQL database: two slices of one province
 * and month applied in concurrent transactions both end up in every summary, and the revenue
 * planner's answers from the summaries equal those from the city cells. A caller whose token
 * reaches less than the node is held to its own cities.
 */
describe('national cube summaries', () => {
  let db: TestDatabase;
  const topology = Topology.load(join(REPO_ROOT, 'deploy/topology/dev.json'));
  const identity = nodeIdentity('CN', 'National', 'national');
  let dataSource: DataSource;
  let revenue: RevenueService;
  const scopeOf = (nodeCode: string, role: 'hq_analyst' | 'province_analyst') =>
    new AccessScope({ subject: role, roles: [role], nodeCode }, 'analytics:read', 'subtree', topology);

  beforeAll(async () => {
    db = await createTestDatabase('rollups', {
      entities: [...PROVINCE_USAGE_ENTITIES, ...NATIONAL_CUBE_ENTITIES],
      migrations: [...PROVINCE_USAGE_MIGRATIONS, ...NATIONAL_CUBE_MIGRATIONS],
    });
    dataSource = db.dataSource;
    revenue = new RevenueService(dataSource, identity, topology);
  });

  afterAll(() => db?.dispose());

  /** Replaces one city's slice of a month the way the receiver does, summaries included. */
  async function applySlice(
    client: Client,
    city: string,
    month: string,
    revenueFen: number,
    hold?: Promise<void>,
  ) {
    await client.query('BEGIN');
    await client.query('DELETE FROM usage_rollup_cell WHERE city_code = $1 AND billing_month = $2', [
      city,
      month,
    ]);
    for (const [industry, grade, product, share] of [
      ['I', 'A', '*', 1],
      ['I', 'A', 'sd_wan', 0.75],
      ['I', 'A', 'iot', 0.25],
      ['J', 'B', '*', 1],
      ['J', 'B', 'cloud', 1],
    ] as const) {
      await client.query(
        `INSERT INTO usage_rollup_cell (billing_month, city_code, industry, value_class, grade, product, province_code,
           revenue_fen, customers, event_count) VALUES ($1, $2, $3, 'standard', $4, $5, $6, $7, $8, $9)`,
        [month, city, industry, grade, product, PROVINCE_OF[city], Math.round(revenueFen * share), 2, 4],
      );
    }
    await CubeSummaries.refreshSlice(client, PROVINCE_OF[city]!, month);
    await hold;
    await client.query('COMMIT');
  }

  it('keeps both of two concurrent slices of one province and month', async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // Shenzhen refreshes first and holds its transaction open; Guangzhou's refresh waits on the
      // lock, then reads Shenzhen's committed cells.
      const first = applySlice(a, '440300', '2026-05', 1_000_000, held);
      await waitForAdvisoryLock(a, true);
      const second = applySlice(b, '440100', '2026-05', 400_000);
      await waitForAdvisoryLock(b, false);
      release();
      await Promise.all([first, second]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const [province] = await dataSource.query<{ revenue: string }[]>(
      `SELECT sum(revenue_fen)::text AS revenue FROM usage_province_product_cell WHERE province_code = '440000' AND product = '*'`,
    );
    expect(province?.revenue).toBe('2800000'); // (1,000,000 + 400,000) × 2 lines, both cities
    for (const table of SUMMARIES) {
      const [diff] = await dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM (
           SELECT product, sum(revenue_fen) AS r, sum(customers) AS c FROM ${table} GROUP BY product
           EXCEPT
           SELECT product, sum(revenue_fen), sum(customers) FROM usage_rollup_cell GROUP BY product) d`,
      );
      expect({ table, differing: diff?.n }).toEqual({ table, differing: 0 });
    }
  });

  it('answers the same from the summaries and from the city cells', async () => {
    const client = await connect();
    try {
      await applySlice(client, '330100', '2026-05', 700_000);
      await applySlice(client, '440300', '2026-04', 900_000);
    } finally {
      await client.end();
    }
    const hq = scopeOf('CN', 'hq_analyst');
    const query = (q: Partial<RevenueQuery>): RevenueQuery => ({
      from: '2026-04',
      to: '2026-05',
      limit: 1000,
      ...q,
    });
    const byProvince = await revenue.report(hq, query({ groupBy: 'province,month', compare: 'mom' }));
    const byCity = await revenue.report(hq, query({ groupBy: 'city,month', compare: 'mom' }));
    const byGrade = await revenue.report(hq, query({ groupBy: 'industry,grade', product: 'sd_wan,cloud' }));
    expect(byProvince.totals).toEqual({
      revenueFen: '6000000',
      eventCount: 32,
      customerMonths: 16,
      arpuFen: '375000',
    });
    expect(byCity.totals).toEqual(byProvince.totals);
    expect(
      byProvince.rows.map((r) => [r.province, r.month, r.revenueFen, r.mom?.previousRevenueFen]),
    ).toEqual([
      ['330000', '2026-05', '1400000', '0'],
      ['440000', '2026-04', '1800000', '0'],
      ['440000', '2026-05', '2800000', '1800000'],
    ]);
    expect(byGrade.rows.map((r) => [r.industry, r.grade, r.revenueFen])).toEqual([
      ['I', 'A', '2250000'], // 75 % of 1,000,000 + 400,000 + 700,000 + 900,000
      ['J', 'B', '3000000'],
    ]);
  });

  it('holds a caller whose token reaches less than the node to its own cities', async () => {
    const zhejiang = scopeOf('330000', 'province_analyst');
    const report = await revenue.report(zhejiang, {
      from: '2026-04',
      to: '2026-05',
      groupBy: 'city',
      limit: 1000,
    });
    expect(report.rows.map((r) => [r.city, r.revenueFen])).toEqual([['330100', '1400000']]);
    expect(report.totals.revenueFen).toBe('1400000');
    const trends = await revenue.report(zhejiang, {
      from: '2026-04',
      to: '2026-05',
      groupBy: 'month',
      limit: 1000,
    });
    expect(trends.rows.map((r) => [r.month, r.revenueFen])).toEqual([['2026-05', '1400000']]);
  });

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    pids.set(client, rows[0]!.pid);
    return client;
  }

  /** Waits until `client` holds (granted) or waits for (not granted) the summaries' advisory lock. */
  async function waitForAdvisoryLock(client: Client, granted: boolean): Promise<void> {
    await waitFor(
      `backend ${pids.get(client)} to ${granted ? 'take' : 'wait for'} the lock`,
      () =>
        dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = $1 AND granted = $2`,
          [pids.get(client), granted],
        ),
      ([row]) => (row?.n ?? 0) > 0,
      10_000,
      25,
    );
  }
});

const pids = new WeakMap<Client, number>();
