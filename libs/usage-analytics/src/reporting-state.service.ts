import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import {
  NODE_IDENTITY,
  type NodeIdentity,
  TOPOLOGY,
  type Topology,
  type TopologyNode,
} from '@kaf/federation';
import { DataSource } from 'typeorm';
import { monthsBetween } from '@kaf/platform';
import { resolveMonthRange } from '@kaf/platform';
import { reportingDeadline } from './reporting-deadline';
import type {
  CompletenessChildView,
  CompletenessMonthView,
  CompletenessView,
  FreshnessFiguresView,
  FreshnessView,
} from './reporting-state.view';
import type { MonthRangeQuery } from './revenue.query';

export const REPORT_DEADLINE_DAY = Symbol('REPORT_DEADLINE_DAY');

interface SliceReport {
  city_code: string;
  billing_month: string;
  first_reported_at: Date;
}

interface FreshnessRow {
  city_code: string;
  newest_change_at: Date | null;
  reported_at: Date | null;
}

/**
 * Which children have reported which months, and how fresh their figures are, from the node's
 * `usage_slice` rows. Children: a province's cities, the national node's provinces.
 */
@Injectable()
export class ReportingStateService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
    @Inject(REPORT_DEADLINE_DAY) private readonly deadlineDay: number,
  ) {}

  async completeness(
    scope: AccessScope,
    query: MonthRangeQuery,
    now = new Date(),
  ): Promise<CompletenessView> {
    const { from, to } = resolveMonthRange(query, now);
    const children = this.children(scope);
    const cities = children.flatMap((c) => c.cities);
    const reports = await this.dataSource.query<SliceReport[]>(
      `SELECT city_code, billing_month, first_reported_at FROM usage_slice
        WHERE billing_month BETWEEN $1 AND $2 AND city_code = ANY($3::text[])`,
      [from, to, cities.map((c) => c.code)],
    );
    const firstReported = new Map(
      reports.map((r) => [`${r.billing_month}|${r.city_code}`, r.first_reported_at]),
    );
    const months = monthsBetween(from, to).map((month): CompletenessMonthView => {
      const deadline = reportingDeadline(month, this.deadlineDay);
      const view: CompletenessMonthView = {
        month,
        deadline: deadline.toISOString(),
        citiesExpected: 0,
        citiesReported: 0,
        citiesOnTime: 0,
        citiesLate: 0,
        children: [],
      };
      for (const child of children) {
        const figures = child.cities.map((city) => {
          const at = firstReported.get(`${month}|${city.code}`);
          return { city, at, status: cityStatus(at, deadline, now) };
        });
        const reported = figures.filter((f) => f.at !== undefined);
        const onTime = figures.filter((f) => f.status === 'on_time').length;
        const late = figures.filter((f) => f.status === 'late').length;
        const missing = figures.filter((f) => f.at === undefined).map((f) => f.city.code);
        const single = child.node.tier === 'city' ? figures[0] : undefined;
        const row: CompletenessChildView = {
          code: child.node.code,
          name: child.node.name,
          status: single
            ? single.status
            : provinceStatus(figures.length, reported.length, late, deadline, now),
          ...(single ? { firstReportedAt: single.at?.toISOString() ?? null } : {}),
          citiesExpected: figures.length,
          citiesReported: reported.length,
          citiesOnTime: onTime,
          citiesLate: late,
          missingCities: missing,
        };
        view.children.push(row);
        view.citiesExpected += figures.length;
        view.citiesReported += reported.length;
        view.citiesOnTime += onTime;
        view.citiesLate += late;
      }
      return view;
    });
    return { from, to, deadlineDay: this.deadlineDay, months };
  }

  async freshness(scope: AccessScope, now = new Date()): Promise<FreshnessView> {
    const children = this.children(scope);
    const rows = await this.dataSource.query<FreshnessRow[]>(
      `SELECT city_code, max(newest_change_at) AS newest_change_at, max(reported_at) AS reported_at
         FROM usage_slice WHERE city_code = ANY($1::text[]) GROUP BY city_code`,
      [children.flatMap((c) => c.cities.map((city) => city.code))],
    );
    const byCity = new Map(rows.map((r) => [r.city_code, r]));
    const childViews = children.map((child) => {
      const own = child.cities
        .map((c) => byCity.get(c.code))
        .filter((r): r is FreshnessRow => r !== undefined);
      return {
        code: child.node.code,
        name: child.node.name,
        ...figures(latest(own.map((r) => r.newest_change_at)), latest(own.map((r) => r.reported_at)), now),
      };
    });
    const lastReports = childViews.map((c) => c.lastReportedAt);
    return {
      asOf: now.toISOString(),
      overall: figures(
        latest(rows.map((r) => r.newest_change_at)),
        latest(rows.map((r) => r.reported_at)),
        now,
      ),
      oldestChildReportedAt:
        lastReports.length === 0 || lastReports.some((r) => r === null)
          ? null
          : [...(lastReports as string[])].sort()[0]!,
      children: childViews,
    };
  }

  /** The node's children the caller reaches, each with the cities beneath it (a city: itself). */
  private children(scope: AccessScope): { node: TopologyNode; cities: TopologyNode[] }[] {
    return this.topology
      .childrenOf(this.identity.code)
      .map((node) => ({
        node,
        cities: (node.tier === 'city' ? [node] : this.topology.childrenOf(node.code)).filter((c) =>
          scope.covers(c.code),
        ),
      }))
      .filter((c) => c.cities.length > 0);
  }
}

function cityStatus(at: Date | undefined, deadline: Date, now: Date): CompletenessChildView['status'] {
  if (at === undefined) return now < deadline ? 'pending' : 'missing';
  return at < deadline ? 'on_time' : 'late';
}

function provinceStatus(
  expected: number,
  reported: number,
  late: number,
  deadline: Date,
  now: Date,
): CompletenessChildView['status'] {
  if (reported === 0) return now < deadline ? 'pending' : 'missing';
  if (reported < expected) return now < deadline ? 'pending' : 'incomplete';
  return late > 0 ? 'late' : 'on_time';
}

function latest(values: (Date | null)[]): Date | null {
  let out: Date | null = null;
  for (const v of values) if (v && (!out || v > out)) out = v;
  return out;
}

function figures(newestChangeAt: Date | null, lastReportedAt: Date | null, now: Date): FreshnessFiguresView {
  const age = (d: Date | null): number | null =>
    d ? Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000)) : null;
  return {
    newestChangeAt: newestChangeAt?.toISOString() ?? null,
    lastReportedAt: lastReportedAt?.toISOString() ?? null,
    ageSeconds: age(newestChangeAt),
    sinceReportSeconds: age(lastReportedAt),
  };
}
