import { ARREARS_DIMENSIONS, type ArrearsDimension } from './analytics-vocabulary';
import type { SqlStatement } from './revenue-plan';

export type ArrearsFilters = Partial<Record<Exclude<ArrearsDimension, 'month'>, readonly string[]>>;

/** A validated arrears query, ready to plan. */
export interface ArrearsRequest {
  from: string;
  to: string;
  groupBy: readonly ArrearsDimension[];
  filters: ArrearsFilters;
  /** Cities the caller reaches when narrower than the node's own subtree. */
  scopeCities?: readonly string[];
}

const FIGURES = `sum(up_to_30_fen)::text AS up_to_30_fen, sum(days_31_to_90_fen)::text AS days_31_to_90_fen,
  sum(over_90_fen)::text AS over_90_fen, sum(not_due_fen)::text AS not_due_fen,
  sum(unallocated_fen)::text AS unallocated_fen, sum(accounts)::text AS accounts,
  sum(customers)::text AS customer_months`;

/**
 * The statement of an arrears query over `arrears_rollup_cell` (the slices' lines, at a province
 * as built, at CN as received): one row per combination of the grouped dimensions (in their
 * order), with the totals of every row matched in the same pass (GROUPING SETS with `()`).
 */
export function planArrears(request: ArrearsRequest): SqlStatement {
  const params: unknown[] = [request.from, request.to];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['billing_month BETWEEN $1 AND $2'];
  for (const [dim, values] of Object.entries(request.filters) as [ArrearsDimension, readonly string[]][]) {
    where.push(`${ARREARS_DIMENSIONS[dim]} = ANY(${bind(values)}::text[])`);
  }
  if (request.scopeCities) where.push(`city_code = ANY(${bind(request.scopeCities)}::text[])`);
  const columns = request.groupBy.map((d) => `${ARREARS_DIMENSIONS[d]} AS "${d}"`);
  const grouped = request.groupBy.map((d) => ARREARS_DIMENSIONS[d]);
  const groupBy = grouped.length > 0 ? `GROUP BY GROUPING SETS ((${grouped.join(', ')}), ())` : '';
  const total = grouped.length > 0 ? `GROUPING(${grouped.join(', ')}) <> 0` : 'true';
  return {
    text: `SELECT ${[...columns, FIGURES, `${total} AS is_total`].join(', ')}
             FROM arrears_rollup_cell
            WHERE ${where.join(' AND ')}
            ${groupBy}
            ORDER BY is_total${grouped.length > 0 ? `, ${grouped.join(', ')}` : ''}`,
    params,
  };
}
