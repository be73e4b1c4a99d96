import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { GroupRegistryDirectory } from '@kaf/groups';
import { DataSource } from 'typeorm';
import { UNKNOWN_ATTRIBUTE } from './analytics-vocabulary';
import { scopeCitiesNarrowerThanNode } from './analytics-scope';
import { splitList } from '@kaf/platform';
import { resolveMonthRange } from '@kaf/platform';
import { arpuFen } from '@kaf/usage-rules';
import type { GroupCustomersQuery } from './top-customers.query';
import type { GroupCustomerUsageView } from './top-customers.view';

interface GroupRow {
  group_code: string;
  revenue: string;
  events: string;
  customer_months: string;
  cities: number;
  provinces: number;
  total: number;
}

/** National groups (集团客户) by the revenue of their members across every city and province. */
@Injectable()
export class GroupCustomersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: GroupRegistryDirectory,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async list(
    scope: AccessScope,
    query: GroupCustomersQuery,
  ): Promise<{ from: string; to: string; items: GroupCustomerUsageView[]; total: number }> {
    const { from, to } = resolveMonthRange(query, new Date(), 1);
    const params: unknown[] = [from, to];
    const conditions = ['billing_month BETWEEN $1 AND $2'];
    if (query.group !== undefined)
      conditions.push(`group_code = ANY($${params.push(splitList(query.group))}::text[])`);
    const cities = scopeCitiesNarrowerThanNode(scope, this.identity);
    if (cities) conditions.push(`city_code = ANY($${params.push(cities)}::text[])`);
    const page = `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const rows = await this.dataSource.query<GroupRow[]>(
      `SELECT group_code, sum(revenue_fen)::text AS revenue, sum(event_count)::text AS events,
              sum(customers)::text AS customer_months, count(DISTINCT city_code)::int AS cities,
              count(DISTINCT province_code)::int AS provinces, count(*) OVER ()::int AS total
         FROM group_usage_cell WHERE ${conditions.join(' AND ')}
        GROUP BY group_code ORDER BY sum(revenue_fen) DESC, group_code ${page}`,
      [...params, query.limit, query.offset],
    );
    const names = await this.registry.byCodes(rows.map((r) => r.group_code));
    return {
      from,
      to,
      total: rows[0]?.total ?? (query.offset > 0 ? await this.count(conditions, params) : 0),
      items: rows.map((r) => {
        const revenue = BigInt(r.revenue);
        const customerMonths = BigInt(r.customer_months);
        return {
          groupCode: r.group_code,
          name: names.get(r.group_code)?.name ?? UNKNOWN_ATTRIBUTE,
          revenueFen: revenue.toString(),
          eventCount: Number(r.events),
          customerMonths: Number(customerMonths),
          cities: r.cities,
          provinces: r.provinces,
          arpuFen: arpuFen(revenue, customerMonths).toString(),
        };
      }),
    };
  }

  /** Groups in the result when the page is past its end (the window count needs a row). */
  private async count(conditions: string[], params: unknown[]): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT group_code)::int AS n FROM group_usage_cell WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return row?.n ?? 0;
  }
}
