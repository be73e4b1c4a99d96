import {
  ALL_PRODUCTS,
  CUBE_PRODUCTS,
  type Comparison,
  REVENUE_DIMENSIONS,
  type RevenueDimension,
  type RevenueSort,
} from './analytics-vocabulary';
import { addMonths, comparisonShift, monthsBetween } from '@kaf/platform';

/**
 * The cube tables a revenue query can read: the city cells, or (national node) a summary of
 * them, per city and product, or per province with every other dimension.
 */
export type RevenueSource =
  | 'usage_rollup_cell'
  | 'usage_province_product_cell'
  | 'usage_city_product_cell'
  | 'usage_rollup_province_cell';

export type RevenueFilters = Partial<Record<Exclude<RevenueDimension, 'month'>, readonly string[]>>;

/** A validated revenue query, ready to plan. */
export interface RevenueRequest {
  from: string;
  to: string;
  groupBy: readonly RevenueDimension[];
  filters: RevenueFilters;
  compare: readonly Comparison[];
  sort?: RevenueSort;
  limit: number;
  /** Cities the caller reaches when narrower than the node's own subtree. */
  scopeCities?: readonly string[];
}

export interface SqlStatement {
  text: string;
  params: unknown[];
}

export interface RevenuePlan {
  source: RevenueSource;
  rows: SqlStatement;
  /**
   * When product is grouped but not filtered, the rows are per product line and their customer
   * counts are not additive; the totals' customer-months come from the all-products line instead.
   */
  customerMonthsTotal?: SqlStatement;
}

export { comparisonShift } from '@kaf/platform';

const PROVINCE_PRODUCT_DIMENSIONS: readonly RevenueDimension[] = ['province', 'month', 'product'];
const CITY_PRODUCT_DIMENSIONS: readonly RevenueDimension[] = ['province', 'city', 'month', 'product'];

/**
 * The smallest table that answers the request, when summaries are kept (the national node):
 * per province and product when only province, month and product are grouped or filtered;
 * per city and product when city is among them too;
 * per province when no city is grouped, filtered or imposed by the caller's scope.
 */
export function chooseSource(request: RevenueRequest, summariesKept: boolean): RevenueSource {
  if (!summariesKept) return 'usage_rollup_cell';
  const used = [...request.groupBy, ...(Object.keys(request.filters) as RevenueDimension[])];
  const noScope = !request.scopeCities;
  if (noScope && used.every((d) => PROVINCE_PRODUCT_DIMENSIONS.includes(d)))
    return 'usage_province_product_cell';
  if (used.every((d) => CITY_PRODUCT_DIMENSIONS.includes(d))) return 'usage_city_product_cell';
  if (!request.groupBy.includes('city') && !request.filters.city && noScope) {
    return 'usage_rollup_province_cell';
  }
  return 'usage_rollup_cell';
}

const SORT_EXPRESSIONS: Record<string, string> = {
  revenueFen: 'cur.revenue',
  eventCount: 'cur.events',
  customerMonths: 'cur.customer_months',
  arpuFen: 'CASE WHEN cur.customer_months > 0 THEN round(cur.revenue / cur.customer_months) ELSE 0 END',
};

/**
 * One statement that groups the range, joins each comparison's shifted range on the same
 * dimensions, and carries the totals of every row (window sums before the limit).
 */
export function planRevenue(request: RevenueRequest, source: RevenueSource): RevenuePlan {
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const dims = request.groupBy;
  const productLine = request.groupBy.includes('product') || request.filters.product !== undefined;
  const conditions = (): string[] => {
    // Product lines by equality (never "<> '*'"), so the summaries' product index applies.
    const out: string[] = [
      productLine
        ? `product = ANY(${bind(request.filters.product ?? CUBE_PRODUCTS)}::text[])`
        : `product = '${ALL_PRODUCTS}'`,
    ];
    for (const [dim, values] of Object.entries(request.filters) as [RevenueDimension, string[]][]) {
      if (dim === 'product') continue;
      out.push(`${REVENUE_DIMENSIONS[dim]} = ANY(${bind(values)}::text[])`);
    }
    if (request.scopeCities) out.push(`city_code = ANY(${bind(request.scopeCities)}::text[])`);
    return out;
  };
  const grouped = (from: string, to: string, shift: number, measures: string): string => {
    const select = dims.map((d) =>
      d === 'month' && shift > 0
        ? `to_char(to_date(billing_month, 'YYYY-MM') + make_interval(months => ${shift}), 'YYYY-MM') AS "month"`
        : `${REVENUE_DIMENSIONS[d]} AS "${d}"`,
    );
    // Months as a list, not a range: every cube key starts with the month, so the index is
    // probed per month and city (or product) instead of scanning every city of the range.
    const where = [`billing_month = ANY(${bind(monthsBetween(from, to))}::text[])`, ...conditions()];
    const groupBy = dims.length ? ` GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : '';
    return `SELECT ${[...select, measures].join(', ')} FROM ${source} WHERE ${where.join(' AND ')}${groupBy}`;
  };

  const ctes = [
    `cur AS (${grouped(
      request.from,
      request.to,
      0,
      'coalesce(sum(revenue_fen), 0) AS revenue, coalesce(sum(event_count), 0) AS events, coalesce(sum(customers), 0) AS customer_months',
    )})`,
  ];
  const joins: string[] = [];
  const compared: string[] = [];
  for (const kind of request.compare) {
    const shift = comparisonShift(request, kind);
    ctes.push(
      `${kind} AS (${grouped(addMonths(request.from, -shift), addMonths(request.to, -shift), shift, 'sum(revenue_fen) AS revenue')})`,
    );
    joins.push(
      dims.length
        ? ` LEFT JOIN ${kind} USING (${dims.map((d) => `"${d}"`).join(', ')})`
        : ` LEFT JOIN ${kind} ON true`,
    );
    compared.push(`coalesce(${kind}.revenue, 0)::text AS ${kind}_revenue`);
  }

  const dimOrder = dims.map((d) => `cur."${d}" ASC`);
  const order = request.sort
    ? [
        `${SORT_EXPRESSIONS[request.sort.replace(/^-/, '')]} ${request.sort.startsWith('-') ? 'DESC' : 'ASC'}`,
        ...dimOrder,
      ]
    : dimOrder;
  const text =
    `WITH ${ctes.join(', ')} SELECT ${[
      ...dims.map((d) => `cur."${d}"`),
      'cur.revenue::text AS revenue',
      'cur.events::text AS events',
      'cur.customer_months::text AS customer_months',
      ...compared,
      'count(*) OVER ()::int AS row_count',
      'sum(cur.revenue) OVER ()::text AS total_revenue',
      'sum(cur.events) OVER ()::text AS total_events',
      'sum(cur.customer_months) OVER ()::text AS total_customer_months',
    ].join(', ')} FROM cur${joins.join('')}` +
    (order.length ? ` ORDER BY ${order.join(', ')}` : '') +
    ` LIMIT ${bind(request.limit)}`;

  const plan: RevenuePlan = { source, rows: { text, params } };
  if (request.groupBy.includes('product') && request.filters.product === undefined) {
    const totalParams: unknown[] = [];
    const b = (value: unknown): string => {
      totalParams.push(value);
      return `$${totalParams.length}`;
    };
    const where = [
      `billing_month = ANY(${b(monthsBetween(request.from, request.to))}::text[])`,
      `product = '${ALL_PRODUCTS}'`,
    ];
    for (const [dim, values] of Object.entries(request.filters) as [RevenueDimension, string[]][]) {
      where.push(`${REVENUE_DIMENSIONS[dim]} = ANY(${b(values)}::text[])`);
    }
    if (request.scopeCities) where.push(`city_code = ANY(${b(request.scopeCities)}::text[])`);
    plan.customerMonthsTotal = {
      text: `SELECT coalesce(sum(customers), 0)::text AS customer_months FROM ${source} WHERE ${where.join(' AND ')}`,
      params: totalParams,
    };
  }
  return plan;
}
