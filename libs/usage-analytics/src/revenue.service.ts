import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException } from '@kaf/platform';
import { DataSource } from 'typeorm';
import type { Comparison, RevenueDimension } from './analytics-vocabulary';
import { splitList } from '@kaf/platform';
import { resolveMonthRange } from '@kaf/platform';
import { arpuFen, growth } from '@kaf/usage-rules';
import { chooseSource, planRevenue, type RevenueFilters, type RevenueRequest } from './revenue-plan';
import type { RevenueQuery } from './revenue.query';
import type { RevenueReportView, RevenueRowView } from './revenue.view';
import { scopeCitiesNarrowerThanNode } from './analytics-scope';
import { reachableCodes } from './analytics-reach';

interface RevenueSqlRow {
  [dimension: string]: string | number | null;
  revenue: string;
  events: string;
  customer_months: string;
  row_count: number;
  total_revenue: string;
  total_events: string;
  total_customer_months: string;
}

/** Revenue over the node's cube: the province's cities at a province, every province at CN. */
@Injectable()
export class RevenueService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async report(scope: AccessScope, query: RevenueQuery): Promise<RevenueReportView> {
    const request = this.toRequest(scope, query);
    // Summaries are kept where slices are applied from below: the national node.
    const plan = planRevenue(request, chooseSource(request, this.identity.tier === 'national'));
    const [rows, customerMonthsTotal] = await Promise.all([
      this.dataSource.query<RevenueSqlRow[]>(plan.rows.text, plan.rows.params),
      plan.customerMonthsTotal
        ? this.dataSource.query<{ customer_months: string }[]>(
            plan.customerMonthsTotal.text,
            plan.customerMonthsTotal.params,
          )
        : Promise.resolve(undefined),
    ]);
    const first = rows[0];
    const totalRevenue = BigInt(first?.total_revenue ?? 0);
    const totalCustomerMonths = BigInt(
      customerMonthsTotal?.[0]?.customer_months ?? first?.total_customer_months ?? 0,
    );
    return {
      from: request.from,
      to: request.to,
      groupBy: [...request.groupBy],
      rows: rows.map((r) => this.toRow(r, request)),
      rowCount: first?.row_count ?? 0,
      totals: {
        revenueFen: totalRevenue.toString(),
        eventCount: Number(first?.total_events ?? 0),
        customerMonths: Number(totalCustomerMonths),
        arpuFen: arpuFen(totalRevenue, totalCustomerMonths).toString(),
      },
    };
  }

  private toRow(row: RevenueSqlRow, request: RevenueRequest): RevenueRowView {
    const revenue = BigInt(row.revenue);
    const customerMonths = BigInt(row.customer_months);
    const view: RevenueRowView = {
      revenueFen: revenue.toString(),
      eventCount: Number(row.events),
      customerMonths: Number(customerMonths),
      arpuFen: arpuFen(revenue, customerMonths).toString(),
    };
    for (const dim of request.groupBy) {
      const value = String(row[dim]);
      view[dim] = value;
      if (dim === 'province') view.provinceName = this.topology.find(value)?.name ?? value;
      if (dim === 'city') view.cityName = this.topology.find(value)?.name ?? value;
    }
    for (const kind of request.compare) {
      const previous = BigInt(row[`${kind}_revenue`] ?? 0);
      view[kind] = { previousRevenueFen: previous.toString(), growth: growth(revenue, previous) };
    }
    return view;
  }

  /** Cross-field and reach checks the DTO cannot make; every refusal names its field. */
  private toRequest(scope: AccessScope, query: RevenueQuery): RevenueRequest {
    const { from, to } = resolveMonthRange(query);
    const groupBy = splitList(query.groupBy) as RevenueDimension[];
    const atProvince = this.identity.tier !== 'national';
    if (atProvince && groupBy.includes('province')) {
      throw new FieldValidationException([
        { field: 'groupBy', message: 'province is not a dimension at a province node; group by city' },
      ]);
    }
    if (atProvince && query.province !== undefined) {
      throw new FieldValidationException([
        { field: 'province', message: 'is not a filter at a province node; filter by city' },
      ]);
    }
    const filters: RevenueFilters = {};
    if (query.province !== undefined)
      filters.province = this.reachable(scope, 'province', splitList(query.province));
    if (query.city !== undefined) filters.city = this.reachable(scope, 'city', splitList(query.city));
    if (query.industry !== undefined) filters.industry = splitList(query.industry);
    if (query.valueClass !== undefined) filters.valueClass = splitList(query.valueClass);
    if (query.grade !== undefined) filters.grade = splitList(query.grade);
    if (query.product !== undefined) filters.product = splitList(query.product);
    const scopeCities = scopeCitiesNarrowerThanNode(scope, this.identity);
    return {
      from,
      to,
      groupBy,
      filters,
      compare: splitList(query.compare) as Comparison[],
      ...(query.sort ? { sort: query.sort } : {}),
      limit: query.limit,
      ...(scopeCities ? { scopeCities } : {}),
    };
  }

  /** Province or city codes of the caller's reach beneath this node; anything else is a 400. */
  private reachable(scope: AccessScope, field: 'province' | 'city', codes: string[]): string[] {
    return reachableCodes(this.topology, this.identity.code, scope, field, field, codes);
  }
}
