import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import { CustomerArrearsCellSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import {
  CityFiguresSource,
  type OutgoingCell,
  type ReportingPace,
  type ResyncSelection,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { ARREARS_MEASURE, arrearsFiguresOf, arrearsTotals } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { ArrearsMonthChanges } from '../receivables/arrears-month-changes';
import {
  type ArrearsCellRow,
  ArrearsCellsRepository,
  type ArrearsMonthTotalsRow,
} from './arrears-cells.repository';
import { ARREARS_REPORTING_PACE } from './arrears-reporting.options';

/**
 * City: its customers' arrears per month as the arrears measure's source. The receivables tell
 * which customer-months changed (`ArrearsMonthChanges`, in the booking transaction); those cells
 * wait for the reporter, which sums the month rows when it takes them. A resync marks the cells of
 * the months again (new versions), so it may name every month; totals are the month rows' sums.
 */
@Injectable()
export class CityArrearsSource
  extends CityFiguresSource<ArrearsCellRow, ArrearsMonthTotalsRow>
  implements OnModuleInit
{
  readonly measure = ARREARS_MEASURE;
  readonly resyncOfAllMonths = true;

  constructor(
    figures: UpwardFigures,
    private readonly changes: ArrearsMonthChanges,
    private readonly cells: ArrearsCellsRepository,
    @Inject(ARREARS_REPORTING_PACE) pace: ReportingPace,
    @Inject(NODE_IDENTITY) identity: NodeIdentity,
  ) {
    super(figures, cells, pace, identity);
  }

  override onModuleInit(): void {
    super.onModuleInit();
    this.changes.onChanged((tx, changed) => this.cells.mark(tx, changed));
  }

  resend(tx: EntityManager, selection: ResyncSelection): Promise<number> {
    return this.cells.markMonths(tx, selection.billingMonths);
  }

  protected toCell(row: ArrearsCellRow): OutgoingCell {
    return toArrearsCell(this.identity.code, row);
  }

  protected figuresOf(t: ArrearsMonthTotalsRow): TotalsLine['figures'] {
    return arrearsTotals(arrearsFiguresOf(t), BigInt(t.cells));
  }
}

/** A customer-month of the city as a cell of the arrears measure (key: the customer id). */
export function toArrearsCell(cityCode: string, row: ArrearsCellRow): OutgoingCell {
  const figures = arrearsFiguresOf(row);
  return {
    cityCode,
    billingMonth: row.billing_month,
    key: row.customer_id,
    version: BigInt(row.version),
    changedAt: row.changed_at,
    body: toBinary(
      CustomerArrearsCellSchema,
      create(CustomerArrearsCellSchema, {
        customerId: row.customer_id,
        upTo30Fen: figures.upTo30Fen,
        days31To90Fen: figures.days31To90Fen,
        over90Fen: figures.over90Fen,
        notDueFen: figures.notDueFen,
        unallocatedFen: figures.unallocatedFen,
        accounts: Number(figures.accounts),
      }),
    ),
  };
}
