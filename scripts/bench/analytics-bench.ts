/**
 * National analytics over a synthetic federation: 31 provinces × 11 cities (341) × --months of
 * cube cells written straight into a national node's database (as the slice receiver would
 * leave them, summaries included), then --queries mixed revenue queries through HTTP against the
 * real national node process, one at a time, timed at the client.
 *
 *   npm run bench:analytics -- [--months 36] [--industries 10] [--products 4] [--queries 240] [--warmup 24] [--keep 0]
 *
 * --industries is the number of industry sections with customers in each city (of 21 with "?"),
 * --products the number of product lines per industry × value class × grade (of 8).
 *
 * Prints a table and one JSON line. Figures belong in docs/benchmarks.md with this command.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PRODUCT_CODES } from '@kaf/catalogue';
import { CubeSummaries } from '@kaf/national-cube';
import { tokenFor } from '../../test/support/auth';
import { FederationFixture } from '../../test/support/federation-fixture';
import { REPO_ROOT } from '../../test/support/node-process';
import { databaseUrl } from '../../test/support/test-database';

interface Options {
  months: number;
  industries: number;
  products: number;
  queries: number;
  warmup: number;
  /** 1: leave the database in place (for EXPLAIN), print its name. */
  keep: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { months: 36, industries: 10, products: 4, queries: 240, warmup: 24, keep: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]?.replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isInteger(value) || value < 0)
      throw new Error(`bad argument ${argv[i]} ${argv[i + 1]}`);
    options[key] = value;
  }
  if (options.industries > 21 || options.products > 8)
    throw new Error('at most 21 industries and 8 products');
  return options;
}

/** GB/T 2260 prefixes of the 31 provincial divisions of the mainland. */
const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65,
];
const CITIES_PER_PROVINCE = 11;
const LAST_MONTH = '2026-10';

function topology(): { file: string; provinces: string[]; cities: string[] } {
  const provinces = PROVINCES.map((p) => ({
    code: `${p}0000`,
    name: `Province ${p}`,
    cities: Array.from({ length: CITIES_PER_PROVINCE }, (_, i) => ({
      code: `${p}${String(i + 1).padStart(2, '0')}00`,
      name: `City ${p}${String(i + 1).padStart(2, '0')}`,
    })),
  }));
  const dir = join(REPO_ROOT, '.run/bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'analytics-topology.json');
  writeFileSync(file, JSON.stringify({ national: { code: 'CN', name: 'National HQ' }, provinces }, null, 2));
  return {
    file,
    provinces: provinces.map((p) => p.code),
    cities: provinces.flatMap((p) => p.cities.map((c) => c.code)),
  };
}

function addMonths(month: string, delta: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Cells of every city and month in one statement per month: each city has `industries` sections
 * (its own selection), 2 value classes × 3 grades, an all-products line and `products` product
 * lines splitting its revenue 40/30/20/10 (remainder to the first), customers 1-40 per cell.
 */
async function fill(db: Client, options: Options, first: string): Promise<number> {
  const started = Date.now();
  for (let m = 0; m < options.months; m++) {
    const month = addMonths(first, m);
    await db.query(
      `WITH city AS (
         SELECT code, left(code, 2) || '0000' AS province, row_number() OVER (ORDER BY code) AS ci
           FROM unnest($2::text[]) AS code
       ), base AS (
         SELECT c.code, c.province, c.ci,
                substr('ABCDEFGHIJKLMNOPQRST?', ((c.ci + k * 2) % 21)::int + 1, 1) AS industry,
                vc, g, k,
                1 + abs(hashtext(c.code || $1 || k || vc || g)) % 40 AS customers,
                abs(hashtext($1 || c.code || k || vc || g)) % 1000 AS noise
           FROM city c, generate_series(0, $3 - 1) AS k,
                unnest(ARRAY['high_value', 'standard']) AS vc, unnest(ARRAY['A', 'B', 'C']) AS g
       ), star AS (
         SELECT *, customers::bigint * CASE WHEN vc = 'high_value' THEN 6000000 + noise * 9000 ELSE 80000 + noise * 3000 END AS revenue,
                customers::bigint * (3 + noise % 20) AS events
           FROM base
       ), lines AS (
         SELECT s.*, p, ($5::text[])[((s.ci + s.k + p) % cardinality($5::text[]))::int + 1] AS product,
                (ARRAY[40, 30, 20, 10])[p + 1] AS share
           FROM star s, generate_series(0, $4 - 1) AS p
       )
       INSERT INTO usage_rollup_cell (billing_month, city_code, industry, value_class, grade, product, province_code,
                                      revenue_fen, customers, event_count)
       SELECT $1, code, industry, vc, g, '*', province, revenue, customers, events FROM star
       UNION ALL
       SELECT $1, code, industry, vc, g, product, province,
              revenue * share / 100 + CASE WHEN p = 0 THEN revenue - revenue * (SELECT sum(x) FROM unnest((ARRAY[40, 30, 20, 10])[1:$4]) x) / 100 ELSE 0 END,
              greatest(1, customers * share / 100), greatest(1, events * share / 100)
         FROM lines`,
      [month, topo.cities, options.industries, options.products, PRODUCT_CODES],
    );
    await db.query(
      `INSERT INTO usage_slice (city_code, billing_month, province_code, version, revenue_fen, event_count, customers,
                                newest_change_at, first_reported_at, reported_at)
       SELECT city_code, billing_month, province_code, 1, sum(revenue_fen), sum(event_count), sum(customers), now(), now(), now()
         FROM usage_rollup_cell WHERE billing_month = $1 AND product = '*' GROUP BY city_code, billing_month, province_code`,
      [month],
    );
  }
  await db.query('BEGIN');
  await CubeSummaries.rebuildAll(db);
  await db.query('COMMIT');
  await db.query('ANALYZE');
  return Date.now() - started;
}

/** Which table the planner reads for the kind (chooseSource), for the table. */
type Reads = 'prov×product' | 'city×product' | 'province' | 'city cells';

interface QueryKind {
  name: string;
  reads: Reads;
  path: (pick: <T>(xs: T[]) => T) => string;
}

let topo: ReturnType<typeof topology>;

function kinds(first: string, last: string): QueryKind[] {
  const year = addMonths(last, -11);
  const two = addMonths(last, -23);
  return [
    {
      name: 'province × month, 36 m, mom+yoy',
      reads: 'prov×product',
      path: () => `from=${first}&to=${last}&groupBy=province,month&compare=mom,yoy`,
    },
    {
      name: 'month, 36 m, mom',
      reads: 'prov×product',
      path: () => `from=${first}&to=${last}&groupBy=month&compare=mom`,
    },
    {
      name: 'whole range, 36 m, mom+yoy',
      reads: 'prov×product',
      path: () => `from=${first}&to=${last}&compare=mom,yoy`,
    },
    {
      name: 'industry × value class, 12 m',
      reads: 'province',
      path: () => `from=${year}&to=${last}&groupBy=industry,valueClass`,
    },
    {
      name: 'province × product, 12 m',
      reads: 'prov×product',
      path: () => `from=${year}&to=${last}&groupBy=province,product`,
    },
    {
      name: 'one province: industry × grade, 36 m, yoy',
      reads: 'province',
      path: (pick) =>
        `from=${first}&to=${last}&province=${pick(topo.provinces)}&groupBy=industry,grade&compare=yoy`,
    },
    {
      name: 'grade × value class, 2 industries, cloud, 24 m',
      reads: 'province',
      path: () => `from=${two}&to=${last}&industry=I,J&product=cloud&groupBy=grade,valueClass`,
    },
    {
      name: 'city top 50 by revenue, 36 m',
      reads: 'city×product',
      path: () => `from=${first}&to=${last}&groupBy=city&sort=-revenueFen&limit=50`,
    },
    {
      name: 'city × month, 12 m (limit 1000)',
      reads: 'city×product',
      path: () => `from=${year}&to=${last}&groupBy=city,month`,
    },
    {
      name: 'one city: industry × grade, 12 m',
      reads: 'city cells',
      path: (pick) => `from=${year}&to=${last}&city=${pick(topo.cities)}&groupBy=industry,grade`,
    },
    {
      name: 'one province by city × value class, 12 m',
      reads: 'city cells',
      path: (pick) => `from=${year}&to=${last}&province=${pick(topo.provinces)}&groupBy=city,valueClass`,
    },
    {
      name: 'one city: month × product, 36 m, mom',
      reads: 'city×product',
      path: (pick) => `from=${first}&to=${last}&city=${pick(topo.cities)}&groupBy=month,product&compare=mom`,
    },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  topo = topology();
  const fed = new FederationFixture();
  try {
    const cn = await fed.addNode('CN', 'national', { TOPOLOGY_FILE: topo.file, DB_POOL_SIZE: '10' });
    await cn.startAndWaitReady();
    const first = addMonths(LAST_MONTH, -(options.months - 1));
    const db = new Client({ connectionString: databaseUrl(cn.spec.database) });
    await db.connect();
    const fillMs = await fill(db, options, first);
    const [{ cells, summary }] = (
      await db.query<{ cells: string; summary: string }>(
        `SELECT (SELECT count(*) FROM usage_rollup_cell)::text AS cells, ((SELECT count(*) FROM usage_rollup_province_cell) + (SELECT count(*) FROM usage_city_product_cell) + (SELECT count(*) FROM usage_province_product_cell))::text AS summary`,
      )
    ).rows as [{ cells: string; summary: string }];
    await db.end();
    process.stdout.write(
      `filled ${Number(cells).toLocaleString('en')} city cells, ${Number(summary).toLocaleString('en')} summary cells in ${(fillMs / 1000).toFixed(0)} s\n`,
    );

    const token = await tokenFor({ roles: 'hq_analyst', node: 'CN' });
    const all = kinds(first, LAST_MONTH);
    let seed = 42;
    const pick = <T>(xs: T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return xs[seed % xs.length]!;
    };
    const timings = new Map<string, number[]>(all.map((k) => [k.name, []]));
    for (let i = 0; i < options.warmup + options.queries; i++) {
      const kind = all[i % all.length]!;
      const started = process.hrtime.bigint();
      const res = await cn.request('GET', `/api/v1/analytics/revenue?${kind.path(pick)}`, { token });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 200) throw new Error(`${kind.name}: ${res.status} ${res.text.slice(0, 200)}`);
      if (i >= options.warmup) timings.get(kind.name)!.push(ms);
    }
    const load = loadavg().map((l) => l.toFixed(1));
    process.stdout.write(
      `load average after the run (1, 5, 15 min): ${load.join(', ')} on ${cpus().length} cores\n`,
    );
    const overall = [...timings.values()].flat().sort((a, b) => a - b);
    const rows = all.map((k) => {
      const t = timings.get(k.name)!.sort((a, b) => a - b);
      return {
        query: k.name,
        reads: k.reads,
        n: t.length,
        p50: percentile(t, 50),
        p99: percentile(t, 99),
        max: t[t.length - 1] ?? NaN,
      };
    });
    const fmt = (n: number) => n.toFixed(1).padStart(7);
    process.stdout.write(`\n${'query'.padEnd(48)} ${'reads'.padEnd(12)}   n     p50     p99     max (ms)\n`);
    for (const r of rows) {
      process.stdout.write(
        `${r.query.padEnd(48)} ${r.reads.padEnd(12)} ${String(r.n).padStart(3)} ${fmt(r.p50)} ${fmt(r.p99)} ${fmt(r.max)}\n`,
      );
    }
    process.stdout.write(
      `${'all'.padEnd(48)} ${''.padEnd(12)} ${String(overall.length).padStart(3)} ${fmt(percentile(overall, 50))} ${fmt(percentile(overall, 99))} ${fmt(overall[overall.length - 1] ?? NaN)}\n`,
    );
    process.stdout.write(
      `${JSON.stringify({
        options,
        cities: topo.cities.length,
        cells: Number(cells),
        summaryCells: Number(summary),
        fillSeconds: Math.round(fillMs / 1000),
        loadAverage: load,
        p50: percentile(overall, 50),
        p99: percentile(overall, 99),
        byQuery: rows,
      })}\n`,
    );
    if (options.keep) {
      await cn.stop();
      process.stdout.write(`kept database ${cn.spec.database}\n`);
    }
  } finally {
    if (!options.keep) await fed.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
