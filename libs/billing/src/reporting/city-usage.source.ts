import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import {
  type FiguresSource,
  type OutgoingCell,
  type ReportingPace,
  type ResyncSelection,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { USAGE_MEASURE } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { MonthlyUsageRepository } from '../monthly/monthly-usage.repository';
import { toOutgoingCell } from './reported-cell';
import { USAGE_REPORTING_PACE } from './usage-reporting.options';

/**
 * City: its monthly cells as the usage measure's source. A changed cell waits for the reporter
 * (`version > reported_version`); a resync re-sends the cells at their current versions; totals
 * are the city's own ledger figures per month.
 */
@Injectable()
export class CityUsageSource implements FiguresSource, OnModuleInit {
  readonly measure = USAGE_MEASURE;
  /** A resync re-sends the cells in the inbox transaction: it must name its months. */
  readonly resyncOfAllMonths = false;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly repository: MonthlyUsageRepository,
    @Inject(USAGE_REPORTING_PACE) readonly pace: ReportingPace,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.figures.reportFrom(this);
  }

  waiting(tx: EntityManager): Promise<number> {
    return this.repository.backlog(tx);
  }

  async take(tx: EntityManager, limit: number): Promise<OutgoingCell[]> {
    const rows = await this.repository.take(tx, limit);
    return rows.map((row) => toOutgoingCell(this.identity.code, row));
  }

  async resend(
    tx: EntityManager,
    selection: ResyncSelection,
    send: (cells: readonly OutgoingCell[]) => Promise<void>,
  ): Promise<number> {
    let after: { month: string; customerId: string; product: string } | undefined;
    let cells = 0;
    for (;;) {
      const rows = await this.repository.page(tx, selection.billingMonths, after, this.pace.cellsPerMessage);
      if (rows.length === 0) return cells;
      await send(rows.map((row) => toOutgoingCell(this.identity.code, row)));
      cells += rows.length;
      const last = rows[rows.length - 1]!;
      after = { month: last.billing_month, customerId: last.customer_id, product: last.product };
    }
  }

  async totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]> {
    const rows = await this.repository.totals(tx, billingMonths);
    return rows.map((t) => ({
      cityCode: this.identity.code,
      billingMonth: t.billing_month,
      figures: {
        revenueFen: BigInt(t.revenue_fen),
        eventCount: BigInt(t.event_count),
        cells: BigInt(t.cells),
      },
    }));
  }
}
