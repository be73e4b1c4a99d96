import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type ArrearsRollupSlice, ArrearsRollupSliceSchema } from '@kaf/contracts';
import { arrearsSliceTotalsLines } from '@kaf/province-usage';
import { type FiguresSink, type ReceivedCell, type TotalsLine, UpwardFigures } from '@kaf/upward-figures';
import { ARREARS_MEASURE } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { arrearsSliceRefusal } from './arrears-slice-admission';
import { NationalArrearsRepository } from './national-arrears.repository';

/**
 * National: the provinces' arrears slices, each replacing the previous slice of its city and month
 * as a whole when its version is higher; redeliveries and stragglers change nothing.
 * Reconciliation compares every total (a slice's customers are the province's customer cells).
 */
@Injectable()
export class NationalArrearsSink implements FiguresSink<typeof ArrearsRollupSliceSchema>, OnModuleInit {
  readonly measure = ARREARS_MEASURE;
  readonly body = ArrearsRollupSliceSchema;
  readonly compared = ARREARS_MEASURE.totals;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly store: NationalArrearsRepository,
  ) {}

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  refuse(cell: ReceivedCell<ArrearsRollupSlice>): string | undefined {
    if (cell.key !== '') return 'an arrears slice has the key "" (one per city and month)';
    return arrearsSliceRefusal(cell.body);
  }

  async apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<ArrearsRollupSlice>[],
  ): Promise<number> {
    let applied = 0;
    for (const cell of cells) {
      const slice = { provinceCode: reporter, ...cell };
      if (!(await this.store.acceptVersion(tx, slice))) continue;
      await this.store.replaceLines(tx, slice);
      applied += 1;
    }
    return applied;
  }

  totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    return arrearsSliceTotalsLines(tx, cityCodes, billingMonths);
  }
}
