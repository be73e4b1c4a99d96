import type { GroundTruth, MonthTotal } from './ground-truth';

/** A node whose analytics API answers for its subtree. */
export interface AnalyticsEndpoint {
  code: string;
  url: string;
  /** hq_analyst at the national node, province_analyst at a province. */
  token: string;
}

export interface TruthDifference {
  /** e.g. `CN city=440300 month=2026-05`. */
  where: string;
  /** e.g. `revenueFen 1200 (truth 1250)`. */
  what: string;
}

interface RevenueRow {
  revenueFen?: unknown;
  eventCount?: unknown;
  [dimension: string]: unknown;
}

type Expected = Map<string, MonthTotal>;

/** What each view must show: keys are the dimension values joined by `|`, in groupBy order. */
export function expectedViews(truth: GroundTruth): {
  byCityMonth: Expected;
  byCityProductMonth: Expected;
  byProvinceMonth: Expected;
  provinces: Map<string, Expected>;
} {
  const byCityMonth: Expected = new Map();
  const byCityProductMonth: Expected = new Map();
  const byProvinceMonth: Expected = new Map();
  const provinces = new Map<string, Expected>();
  const add = (map: Expected, key: string, t: MonthTotal): void => {
    const sum = map.get(key) ?? { revenueFen: 0n, eventCount: 0 };
    sum.revenueFen += t.revenueFen;
    sum.eventCount += t.eventCount;
    map.set(key, sum);
  };
  for (const city of truth.cityCodes()) {
    const province = truth.provinceOf(city);
    const own: Expected = provinces.get(province) ?? new Map<string, MonthTotal>();
    provinces.set(province, own);
    for (const [month, t] of truth.cityMonths(city)) {
      add(byCityMonth, `${city}|${month}`, t);
      add(byProvinceMonth, `${province}|${month}`, t);
      add(own, `${city}|${month}`, t);
    }
    for (const c of truth.cells(city)) add(byCityProductMonth, `${city}|${c.product}|${c.month}`, c);
  }
  return { byCityMonth, byCityProductMonth, byProvinceMonth, provinces };
}

/**
 * Every figure of `rows` against `expected`, both ways: a row the truth lacks must be zero, a
 * truth entry with no row is missing. Revenue is compared to the fen as integers.
 */
export function compareRows(
  node: string,
  dimensions: readonly string[],
  expected: Expected,
  rows: readonly RevenueRow[],
): TruthDifference[] {
  const differences: TruthDifference[] = [];
  const seen = new Set<string>();
  const label = (key: string): string =>
    `${node} ${key
      .split('|')
      .map((v, i) => `${dimensions[i]}=${v}`)
      .join(' ')}`;
  for (const row of rows) {
    const key = dimensions.map((d) => String(row[d])).join('|');
    seen.add(key);
    const want = expected.get(key) ?? { revenueFen: 0n, eventCount: 0 };
    const revenue =
      typeof row.revenueFen === 'string' && /^-?\d+$/.test(row.revenueFen) ? BigInt(row.revenueFen) : null;
    const events = typeof row.eventCount === 'number' ? row.eventCount : null;
    const problems: string[] = [];
    if (revenue !== want.revenueFen)
      problems.push(`revenueFen ${String(row.revenueFen)} (truth ${want.revenueFen})`);
    if (events !== want.eventCount)
      problems.push(`eventCount ${String(row.eventCount)} (truth ${want.eventCount})`);
    if (problems.length > 0) differences.push({ where: label(key), what: problems.join(', ') });
  }
  for (const [key, want] of expected) {
    if (seen.has(key) || (want.revenueFen === 0n && want.eventCount === 0)) continue;
    differences.push({
      where: label(key),
      what: `missing (truth revenueFen ${want.revenueFen}, eventCount ${want.eventCount})`,
    });
  }
  return differences.sort((a, b) => a.where.localeCompare(b.where));
}

/** GET /api/v1/analytics/revenue grouped by `groupBy` over [from, to]. */
export async function fetchRevenueRows(
  endpoint: AnalyticsEndpoint,
  from: string,
  to: string,
  groupBy: readonly string[],
): Promise<RevenueRow[]> {
  const query = new URLSearchParams({ from, to, groupBy: groupBy.join(',') });
  const path = `/api/v1/analytics/revenue?${query.toString()}`;
  const res = await fetch(`${endpoint.url}${path}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${endpoint.token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${endpoint.code} GET ${path} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { rows?: unknown };
  if (!Array.isArray(body.rows)) throw new Error(`${endpoint.code} GET ${path}: the answer has no rows`);
  return body.rows as RevenueRow[];
}

export interface TruthCheck {
  differences: TruthDifference[];
  /** Views read (one per request). */
  views: number;
}

/**
 * The national view by city, by city and product, and by province, and each province's view by
 * city, against the truth, once.
 */
export async function checkTruth(
  truth: GroundTruth,
  national: AnalyticsEndpoint,
  provinces: readonly AnalyticsEndpoint[],
): Promise<TruthCheck> {
  const { from, to } = truth.meta;
  const expected = expectedViews(truth);
  const checks: Promise<TruthDifference[]>[] = [
    fetchRevenueRows(national, from, to, ['city', 'month']).then((rows) =>
      compareRows(national.code, ['city', 'month'], expected.byCityMonth, rows),
    ),
    fetchRevenueRows(national, from, to, ['city', 'product', 'month']).then((rows) =>
      compareRows(national.code, ['city', 'product', 'month'], expected.byCityProductMonth, rows),
    ),
    fetchRevenueRows(national, from, to, ['province', 'month']).then((rows) =>
      compareRows(national.code, ['province', 'month'], expected.byProvinceMonth, rows),
    ),
    ...provinces.map((p) =>
      fetchRevenueRows(p, from, to, ['city', 'month']).then((rows) =>
        compareRows(
          p.code,
          ['city', 'month'],
          expected.provinces.get(p.code) ?? new Map<string, MonthTotal>(),
          rows,
        ),
      ),
    ),
  ];
  const differences = (await Promise.all(checks)).flat();
  return { differences, views: checks.length };
}

/** Checks until the figures match or `timeoutMs` has passed; the last differences otherwise. */
export async function waitForTruth(
  truth: GroundTruth,
  national: AnalyticsEndpoint,
  provinces: readonly AnalyticsEndpoint[],
  timeoutMs: number,
  onRound: (check: TruthCheck | Error, round: number) => void = () => undefined,
  intervalMs = 2000,
): Promise<TruthCheck> {
  const deadline = Date.now() + timeoutMs;
  for (let round = 1; ; round++) {
    let last: TruthCheck | Error;
    try {
      last = await checkTruth(truth, national, provinces);
    } catch (error) {
      last = error as Error;
    }
    onRound(last, round);
    if (!(last instanceof Error) && last.differences.length === 0) return last;
    if (Date.now() + intervalMs > deadline) {
      if (last instanceof Error) throw last;
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
