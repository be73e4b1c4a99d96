import { Inject, Injectable } from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import {
  CityFiguresSource,
  type OutgoingCell,
  type ReportingPace,
  type ResyncSelection,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { USAGE_MEASURE } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { type MonthTotals, MonthlyUsageRepository } from '../monthly/monthly-usage.repository';
import { type ReportedCellRow, toOutgoingCell } from './reported-cell';
import { USAGE_REPORTING_PACE } from './usage-reporting.options';

/**
 * City: its monthly cells as the usage measure's source. A changed cell waits for the reporter
 * (`version > reported_version`); a resync re-sends the cells at their current versions; totals
 * are the city's own ledger figures per month.
 */
@Injectable()
export class CityUsageSource extends CityFiguresSource<ReportedCellRow, MonthTotals> {
  readonly measure = USAGE_MEASURE;
  /** A resync re-sends the cells in the inbox transaction: it must name its months. */
  readonly resyncOfAllMonths = false;

  constructor(
    figures: UpwardFigures,
    private readonly cells: MonthlyUsageRepository,
    @Inject(USAGE_REPORTING_PACE) pace: ReportingPace,
    @Inject(NODE_IDENTITY) identity: NodeIdentity,
  ) {
    super(figures, cells, pace, identity);
  }

  async resend(
    tx: EntityManager,
    selection: ResyncSelection,
    send: (cells: readonly OutgoingCell[]) => Promise<void>,
  ): Promise<number> {
    let after: { month: string; customerId: string; product: string } | undefined;
    let count = 0;
    for (;;) {
      const rows = await this.cells.page(tx, selection.billingMonths, after, this.pace.cellsPerMessage);
      if (rows.length === 0) return count;
      await send(rows.map((row) => this.toCell(row)));
      count += rows.length;
      const last = rows[rows.length - 1]!;
      after = { month: last.billing_month, customerId: last.customer_id, product: last.product };
    }
  }

  protected toCell(row: ReportedCellRow): OutgoingCell {
    return toOutgoingCell(this.identity.code, row);
  }

  protected figuresOf(t: MonthTotals): TotalsLine['figures'] {
    return { revenueFen: BigInt(t.revenue_fen), eventCount: BigInt(t.event_count), cells: BigInt(t.cells) };
  }
}
