import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException } from '@kaf/platform';
import { type ArrearsSumsRow, arrearsFenOf, arrearsFiguresOf } from '@kaf/usage-rules';
import { DataSource } from 'typeorm';
import { reachableCodes } from './analytics-reach';
import { scopeCitiesNarrowerThanNode } from './analytics-scope';
import type { ArrearsDimension } from './analytics-vocabulary';
import { type ArrearsFilters, type ArrearsRequest, planArrears } from './arrears-plan';
import type { ArrearsQuery } from './arrears.query';
import type { ArrearsFiguresView, ArrearsReportView, ArrearsRowView } from './arrears.view';
import { splitList } from '@kaf/platform';
import { resolveMonthRange } from '@kaf/platform';

type ArrearsSqlRow = ArrearsSumsRow & {
  [dimension: string]: string | number | boolean | null;
  customer_months: string;
  is_total: boolean;
};

/** Arrears by band over the node's slices: the province's cities at a province, every province at CN. */
@Injectable()
export class ArrearsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async report(scope: AccessScope, query: ArrearsQuery): Promise<ArrearsReportView> {
    const request = this.toRequest(scope, query);
    const plan = planArrears(request);
    const rows = await this.dataSource.query<ArrearsSqlRow[]>(plan.text, plan.params);
    const total = rows.find((r) => r.is_total);
    return {
      from: request.from,
      to: request.to,
      groupBy: [...request.groupBy],
      rows: rows.filter((r) => !r.is_total).map((r) => this.toRow(r, request.groupBy)),
      totals: total ? figuresOf(total) : figuresOf(undefined),
    };
  }

  private toRow(row: ArrearsSqlRow, groupBy: readonly ArrearsDimension[]): ArrearsRowView {
    const view: ArrearsRowView = figuresOf(row);
    for (const dim of groupBy) {
      const value = String(row[dim]);
      view[dim] = value;
      if (dim === 'province') view.provinceName = this.topology.find(value)?.name ?? value;
      if (dim === 'city') view.cityName = this.topology.find(value)?.name ?? value;
    }
    return view;
  }

  /** Cross-field and reach checks the DTO cannot make; every refusal names its field. */
  private toRequest(scope: AccessScope, query: ArrearsQuery): ArrearsRequest {
    const { from, to } = resolveMonthRange(query, new Date(), 1);
    const groupBy = splitList(query.groupBy) as ArrearsDimension[];
    const atProvince = this.identity.tier !== 'national';
    if (atProvince && groupBy.includes('province')) {
      throw new FieldValidationException([
        { field: 'groupBy', message: 'province is not a dimension at a province node; group by city' },
      ]);
    }
    if (atProvince && query.provinceCode !== undefined) {
      throw new FieldValidationException([
        { field: 'provinceCode', message: 'is not a filter at a province node; filter by cityCode' },
      ]);
    }
    if (from !== to && !groupBy.includes('month')) {
      throw new FieldValidationException([
        {
          field: 'groupBy',
          message:
            'arrears are positions at each month end and do not add up over months: group by month or ask for one month',
        },
      ]);
    }
    const reach = (tier: 'province' | 'city', field: string, value: string): string[] =>
      reachableCodes(this.topology, this.identity.code, scope, tier, field, splitList(value));
    const filters: ArrearsFilters = {};
    if (query.provinceCode !== undefined)
      filters.province = reach('province', 'provinceCode', query.provinceCode);
    if (query.cityCode !== undefined) filters.city = reach('city', 'cityCode', query.cityCode);
    if (query.industry !== undefined) filters.industry = splitList(query.industry);
    if (query.grade !== undefined) filters.grade = splitList(query.grade);
    const scopeCities = scopeCitiesNarrowerThanNode(scope, this.identity);
    return { from, to, groupBy, filters, ...(scopeCities ? { scopeCities } : {}) };
  }
}

function figuresOf(row: ArrearsSqlRow | undefined): ArrearsFiguresView {
  // Sums over no line at all are NULL: zero.
  const f = arrearsFiguresOf({
    up_to_30_fen: row?.up_to_30_fen ?? '0',
    days_31_to_90_fen: row?.days_31_to_90_fen ?? '0',
    over_90_fen: row?.over_90_fen ?? '0',
    not_due_fen: row?.not_due_fen ?? '0',
    unallocated_fen: row?.unallocated_fen ?? '0',
    accounts: row?.accounts ?? '0',
  });
  return {
    upTo30Fen: f.upTo30Fen.toString(),
    days31To90Fen: f.days31To90Fen.toString(),
    over90Fen: f.over90Fen.toString(),
    arrearsFen: arrearsFenOf(f).toString(),
    notDueFen: f.notDueFen.toString(),
    unallocatedFen: f.unallocatedFen.toString(),
    accounts: Number(f.accounts),
    customerMonths: Number(row?.customer_months ?? 0),
  };
}
