import { Injectable } from '@nestjs/common';
import {
  addMonths,
  type Comparison,
  comparisonShift,
  monthsBetween,
  resolveMonthRange,
  splitList,
} from '@kaf/platform';
import {
  addServiceQuality,
  type ServiceQualityFigures,
  type ServiceQualityView,
  serviceQualityView,
  zeroServiceQuality,
} from '@kaf/usage-rules';
import { DataSource } from 'typeorm';
import type { CityQualityDimension, CityQualityQuery } from './city-quality.query';
import { type QualityMonthRow, TicketQualityRepository } from './ticket-quality.repository';

type Row = ServiceQualityView & Partial<Record<CityQualityDimension, string>>;
export type CityQualityRow = Row & Partial<Record<Comparison, ServiceQualityView>>;

export interface CityQualityReport {
  from: string;
  to: string;
  groupBy: string[];
  rows: CityQualityRow[];
  rowCount: number;
  totals: ServiceQualityView;
}

interface Group {
  labels: Partial<Record<CityQualityDimension, string>>;
  figures: ServiceQualityFigures;
  complaints: bigint;
  customers: bigint;
}

/**
 * The city's own service quality, computed now from its tickets the way its reports are (the
 * same lines per month), grouped and filtered like the parents' GET /analytics/service-quality.
 */
@Injectable()
export class CityQualityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly months: TicketQualityRepository,
  ) {}

  async report(query: CityQualityQuery): Promise<CityQualityReport> {
    const { from, to } = resolveMonthRange(query);
    const groupBy = splitList(query.groupBy) as CityQualityDimension[];
    const filters = {
      ticketType: query.ticketType === undefined ? undefined : splitList(query.ticketType),
      severity: query.severity === undefined ? undefined : splitList(query.severity),
      grade: query.grade === undefined ? undefined : splitList(query.grade),
    };
    const based = !groupBy.includes('grade') && filters.grade === undefined;
    const read = (shift: number, dims: readonly CityQualityDimension[] = groupBy) =>
      this.dataSource.transaction('REPEATABLE READ', async (tx) => {
        const months = await this.months.totals(
          tx,
          monthsBetween(addMonths(from, -shift), addMonths(to, -shift)),
        );
        const now = await this.months.activeCustomersNow(tx);
        return group(months, dims, filters, shift, now);
      });
    const compare = splitList(query.compare) as Comparison[];
    const [current, all, ...previous] = await Promise.all([
      read(0),
      read(0, []).then((groups) => groups.get('')),
      ...compare.map((kind) => read(comparisonShift({ from, to, groupBy }, kind))),
    ]);
    const view = (g: Group | undefined): ServiceQualityView =>
      serviceQualityView(
        g?.figures ?? zeroServiceQuality(),
        g?.complaints ?? 0n,
        based ? (g?.customers ?? 0n) : null,
      );
    const rows = [...current.values()].sort((a, b) => keyOf(a, groupBy).localeCompare(keyOf(b, groupBy)));
    return {
      from,
      to,
      groupBy,
      rows: rows.slice(0, query.limit).map((g) => {
        const row: CityQualityRow = { ...view(g), ...g.labels };
        compare.forEach((kind, i) => {
          row[kind] = view(previous[i]?.get(keyOf(g, groupBy)));
        });
        return row;
      }),
      rowCount: rows.length,
      totals: view(all),
    };
  }
}

const keyOf = (g: Pick<Group, 'labels'>, groupBy: readonly CityQualityDimension[]): string =>
  groupBy.map((d) => g.labels[d] ?? '').join('\u0000');

/**
 * The months' lines summed per group, months reported as the months compared with (`shift`).
 * Customers are counted per month (a month never reported counts those active now), once per
 * group and month.
 */
function group(
  months: readonly QualityMonthRow[],
  groupBy: readonly CityQualityDimension[],
  filters: Partial<Record<'ticketType' | 'severity' | 'grade', string[] | undefined>>,
  shift: number,
  activeNow: number,
): Map<string, Group> {
  const groups = new Map<string, Group>();
  const counted = new Set<string>();
  for (const m of months) {
    const month = addMonths(m.billing_month, shift);
    const customers = BigInt(m.active_customers || activeNow);
    const lineGrouped = groupBy.some((d) => d !== 'month');
    const at = (labels: Group['labels']): Group => {
      const key = keyOf({ labels }, groupBy);
      const g = groups.get(key) ?? { labels, figures: zeroServiceQuality(), complaints: 0n, customers: 0n };
      groups.set(key, g);
      if (!counted.has(`${key}|${month}`)) {
        counted.add(`${key}|${month}`);
        g.customers += customers;
      }
      return g;
    };
    // Grouped by month only (or not at all), a month without tickets still counts its customers.
    if (!lineGrouped) at(groupBy.includes('month') ? { month } : {});
    for (const line of m.lines) {
      if (filters.ticketType && !filters.ticketType.includes(line.ticketType)) continue;
      if (filters.severity && !filters.severity.includes(line.severity)) continue;
      if (filters.grade && !filters.grade.includes(line.grade)) continue;
      const labels: Group['labels'] = {};
      for (const d of groupBy) labels[d] = d === 'month' ? month : line[d];
      const g = at(labels);
      g.figures = addServiceQuality(g.figures, line);
      if (line.ticketType === 'complaint') g.complaints += line.opened;
    }
  }
  return groups;
}
