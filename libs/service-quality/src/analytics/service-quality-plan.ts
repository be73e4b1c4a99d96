import { addMonths, monthsBetween } from '@kaf/platform';
import { type SqlStatement } from '@kaf/usage-analytics';
import { sumServiceQualityColumns } from '@kaf/usage-rules';
import {
  LINE_DIMENSIONS,
  SERVICE_QUALITY_DIMENSIONS,
  type ServiceQualityDimension,
} from './service-quality.vocabulary';

export type ServiceQualityFilters = Partial<
  Record<Exclude<ServiceQualityDimension, 'month'>, readonly string[]>
>;

/** A validated service-quality query, ready to plan. */
export interface ServiceQualityRequest {
  from: string;
  to: string;
  groupBy: readonly ServiceQualityDimension[];
  filters: ServiceQualityFilters;
  limit: number;
  /** Cities the caller reaches when narrower than the node's own subtree. */
  scopeCities?: readonly string[];
}

/**
 * Whether complaints per 100 active customers can be answered: the active customers are counted
 * per city and month, not per grade, so a grade grouped or filtered leaves no base.
 */
export function hasCustomerBase(request: Pick<ServiceQualityRequest, 'groupBy' | 'filters'>): boolean {
  return !request.groupBy.includes('grade') && request.filters.grade === undefined;
}

/**
 * One statement over the lines (`service_quality_line`) and the slices' active customers
 * (`service_quality_slice`) of the range shifted back `shift` months (a comparison; months reported
 * as the months they are compared with): one row per combination of the grouped dimensions, in
 * their order, with the rows' count before the limit. Grouped by city-month dimensions only, a
 * city-month without tickets still has its row (its customers count).
 */
export function planServiceQuality(request: ServiceQualityRequest, shift = 0): SqlStatement {
  const params: unknown[] = [monthsBetween(addMonths(request.from, -shift), addMonths(request.to, -shift))];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const sliceWhere = ['billing_month = ANY($1::text[])'];
  const lineWhere = ['billing_month = ANY($1::text[])'];
  for (const [dim, values] of Object.entries(request.filters) as [ServiceQualityDimension, string[]][]) {
    const condition = `${SERVICE_QUALITY_DIMENSIONS[dim]} = ANY(${bind(values)}::text[])`;
    lineWhere.push(condition);
    if (!LINE_DIMENSIONS.includes(dim)) sliceWhere.push(condition);
  }
  if (request.scopeCities) {
    const condition = `city_code = ANY(${bind(request.scopeCities)}::text[])`;
    lineWhere.push(condition);
    sliceWhere.push(condition);
  }
  const dims = request.groupBy;
  const select = (d: ServiceQualityDimension): string =>
    d === 'month' && shift > 0
      ? `to_char(to_date(billing_month, 'YYYY-MM') + make_interval(months => ${shift}), 'YYYY-MM') AS "month"`
      : `${SERVICE_QUALITY_DIMENSIONS[d]} AS "${d}"`;
  const groupOf = (list: readonly ServiceQualityDimension[]): string =>
    list.length ? ` GROUP BY ${list.map((_, i) => i + 1).join(', ')}` : '';
  const sliceDims = dims.filter((d) => !LINE_DIMENSIONS.includes(d));
  const lines = `SELECT ${[...dims.map(select), sumServiceQualityColumns('l'), `coalesce(sum(l.opened) FILTER (WHERE l.ticket_type = 'complaint'), 0)::text AS complaints_opened`].join(', ')}
      FROM service_quality_line l WHERE ${lineWhere.join(' AND ')}${groupOf(dims)}`;
  const customers = `SELECT ${[...sliceDims.map(select), 'coalesce(sum(active_customers), 0)::text AS active_customers'].join(', ')}
      FROM service_quality_slice WHERE ${sliceWhere.join(' AND ')}${groupOf(sliceDims)}`;
  // Without line dimensions every city-month of the range is a row, tickets or none.
  const lineOnly = dims.some((d) => LINE_DIMENSIONS.includes(d));
  const join = sliceDims.length
    ? `${lineOnly ? 'LEFT' : 'FULL'} JOIN a USING (${sliceDims.map((d) => `"${d}"`).join(', ')})`
    : 'LEFT JOIN a ON true';
  const order = dims.length ? ` ORDER BY ${dims.map((d) => `"${d}"`).join(', ')}` : '';
  return {
    text: `WITH l AS (${lines}), a AS (${customers})
      SELECT *, count(*) OVER ()::int AS row_count FROM l ${join}${order} LIMIT ${bind(request.limit)}`,
    params,
  };
}
