import { Inject, Injectable } from '@nestjs/common';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { FieldValidationException, addMonths, billingMonthOf, monthSpan } from '@kaf/platform';
import { DataSource } from 'typeorm';
import {
  type OneStopSettlementQuery,
  type SettlementDimension,
  splitList,
} from './one-stop-settlement.query';
import type { OneStopSettlementReportView, SettlementRowView } from './one-stop-settlement.view';
import { visibleRegions } from './settlement-scope';

/** Longest range one report may cover. */
export const MAX_RANGE_MONTHS = 60;

const COLUMNS: Record<SettlementDimension, { select: string; order: string }> = {
  region: { select: 's.region_code', order: 's.region_code' },
  month: { select: 's.billing_month', order: 's.billing_month' },
  product: { select: 's.product', order: 's.product' },
  role: { select: 's.role', order: `array_position(ARRAY['a_end', 'z_end', 'transit'], s.role)` },
};

interface FigureRow {
  region?: string;
  month?: string;
  product?: string;
  role?: string;
  amount_fen: string;
  circuits: number;
  records: number;
}

/** Settled revenue by region, month, product and role, from the settlement records (national node). */
@Injectable()
export class OneStopSettlementService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) private readonly topology: Topology,
  ) {}

  async report(
    scope: AccessScope,
    query: OneStopSettlementQuery,
    now = new Date(),
  ): Promise<OneStopSettlementReportView> {
    const { from, to } = monthRange(query, now);
    const groupBy = (query.groupBy ? splitList(query.groupBy) : ['region']) as SettlementDimension[];
    const regions = visibleRegions(scope, this.identity);
    const params: unknown[] = [from, to];
    let where = 'WHERE s.billing_month BETWEEN $1 AND $2';
    if (regions) {
      params.push([...regions]);
      where += ' AND s.region_code = ANY($3::text[])';
    }
    const figures = `sum(s.amount_fen)::text AS amount_fen, count(DISTINCT s.circuit_id)::int AS circuits,
                     count(*)::int AS records`;
    const select = groupBy.map((d) => `${COLUMNS[d].select} AS ${d}`).join(', ');
    const groups = groupBy.map((d) => COLUMNS[d].select).join(', ');
    const order = groupBy.map((d) => COLUMNS[d].order).join(', ');
    const rows: FigureRow[] = await this.dataSource.query(
      `SELECT ${select}, ${figures} FROM one_stop_settlement_record s ${where} GROUP BY ${groups} ORDER BY ${order}`,
      params,
    );
    const [totals] = await this.dataSource.query<[FigureRow]>(
      `SELECT ${figures} FROM one_stop_settlement_record s ${where}`,
      params,
    );
    return {
      from,
      to,
      groupBy,
      regionCodes: regions ? [...regions] : null,
      rows: rows.map((r) => this.toRow(r, groupBy)),
      totals: { amountFen: totals.amount_fen ?? '0', circuits: totals.circuits, records: totals.records },
    };
  }

  private toRow(row: FigureRow, groupBy: readonly SettlementDimension[]): SettlementRowView {
    const view: SettlementRowView = {
      amountFen: row.amount_fen,
      circuits: row.circuits,
      records: row.records,
    };
    for (const d of groupBy) view[d] = row[d];
    if (row.region !== undefined) view.regionName = this.topology.find(row.region)?.name ?? row.region;
    return view;
  }
}

/** `from`/`to` with their defaults (the trailing twelve months), checked; refusals name the field. */
function monthRange(query: OneStopSettlementQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? billingMonthOf(now);
  const from = query.from ?? addMonths(to, -11);
  if (from > to) {
    throw new FieldValidationException([
      {
        field: query.to === undefined ? 'from' : 'to',
        message:
          query.to === undefined ? `must not be after the current month ${to}` : 'must not be before from',
      },
    ]);
  }
  if (monthSpan(from, to) > MAX_RANGE_MONTHS) {
    throw new FieldValidationException([
      { field: 'to', message: `the range must not exceed ${MAX_RANGE_MONTHS} months` },
    ]);
  }
  return { from, to };
}
