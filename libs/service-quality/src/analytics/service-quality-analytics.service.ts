import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import {
  type Comparison,
  comparisonShift,
  FieldValidationException,
  resolveMonthRange,
  splitList,
} from '@kaf/platform';
import { reachableCodes, scopeCitiesNarrowerThanNode } from '@kaf/usage-analytics';
import { serviceQualityFiguresOf, serviceQualityView } from '@kaf/usage-rules';
import { DataSource } from 'typeorm';
import {
  hasCustomerBase,
  planServiceQuality,
  type ServiceQualityFilters,
  type ServiceQualityRequest,
} from './service-quality-plan';
import type { ServiceQualityQuery } from './service-quality.query';
import type { ServiceQualityDimension } from './service-quality.vocabulary';
import type {
  ServiceQualityFiguresView,
  ServiceQualityReportView,
  ServiceQualityRowView,
} from './service-quality.view';

type SqlRow = Record<string, string | number | null> & { row_count: number };

/** Service quality over the slices a node keeps: its cities at a province, every province at CN. */
@Injectable()
export class ServiceQualityAnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async report(scope: AccessScope, query: ServiceQualityQuery): Promise<ServiceQualityReportView> {
    const request = this.toRequest(scope, query);
    const compare = splitList(query.compare) as Comparison[];
    const run = async (r: ServiceQualityRequest, shift = 0): Promise<SqlRow[]> => {
      const plan = planServiceQuality(r, shift);
      return this.dataSource.query<SqlRow[]>(plan.text, plan.params);
    };
    const [rows, totals, ...previous] = await Promise.all([
      run(request),
      run({ ...request, groupBy: [], limit: 1 }),
      // A comparison reads every group of its range, so that each current row finds its own.
      ...compare.map((kind) => run({ ...request, limit: 1_000_000 }, comparisonShift(request, kind))),
    ]);
    const based = hasCustomerBase(request);
    const keyOf = (row: SqlRow): string => request.groupBy.map((d) => String(row[d])).join('\u0000');
    const compared = previous.map((list) => new Map(list.map((row) => [keyOf(row), row])));
    return {
      from: request.from,
      to: request.to,
      groupBy: [...request.groupBy],
      rows: rows.map((row) => {
        const view: ServiceQualityRowView = {
          ...figuresView(row, based),
          ...this.labels(row, request.groupBy),
        };
        compare.forEach((kind, i) => {
          view[kind] = figuresView(compared[i]?.get(keyOf(row)), based);
        });
        return view;
      }),
      rowCount: rows[0]?.row_count ?? 0,
      totals: figuresView(totals[0], based),
    };
  }

  private labels(row: SqlRow, groupBy: readonly ServiceQualityDimension[]): Partial<ServiceQualityRowView> {
    const labels: Partial<ServiceQualityRowView> = {};
    for (const dim of groupBy) {
      const value = String(row[dim]);
      labels[dim] = value;
      if (dim === 'province') labels.provinceName = this.topology.find(value)?.name ?? value;
      if (dim === 'city') labels.cityName = this.topology.find(value)?.name ?? value;
    }
    return labels;
  }

  /** Cross-field and reach checks the DTO cannot make; every refusal names its field. */
  private toRequest(scope: AccessScope, query: ServiceQualityQuery): ServiceQualityRequest {
    const { from, to } = resolveMonthRange(query);
    const groupBy = splitList(query.groupBy) as ServiceQualityDimension[];
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
    const reach = (tier: 'province' | 'city', value: string): string[] =>
      reachableCodes(this.topology, this.identity.code, scope, tier, tier, splitList(value));
    const filters: ServiceQualityFilters = {};
    if (query.province !== undefined) filters.province = reach('province', query.province);
    if (query.city !== undefined) filters.city = reach('city', query.city);
    if (query.ticketType !== undefined) filters.ticketType = splitList(query.ticketType);
    if (query.severity !== undefined) filters.severity = splitList(query.severity);
    if (query.grade !== undefined) filters.grade = splitList(query.grade);
    const scopeCities = scopeCitiesNarrowerThanNode(scope, this.identity);
    return { from, to, groupBy, filters, limit: query.limit, ...(scopeCities ? { scopeCities } : {}) };
  }
}

/** A row's figures and what they say (zero figures where the group has no row). */
export function figuresView(row: SqlRow | undefined, based: boolean): ServiceQualityFiguresView {
  return serviceQualityView(
    serviceQualityFiguresOf(row ?? {}),
    BigInt(row?.complaints_opened ?? 0),
    based ? BigInt(row?.active_customers ?? 0) : null,
  );
}
