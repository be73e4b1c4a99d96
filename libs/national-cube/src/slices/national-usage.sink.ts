import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type UsageRollupSlice, UsageRollupSliceSchema } from '@kaf/contracts';
import { type FiguresSink, type ReceivedCell, type TotalsLine, UpwardFigures } from '@kaf/upward-figures';
import { USAGE_MEASURE } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { NationalCubeRepository } from './national-cube.repository';
import { sliceRefusal } from './slice-admission';

/**
 * National: the provinces' usage slices kept in the cube, each replacing the previous slice of
 * its city and month as a whole when its version is higher. Redeliveries and stragglers carry a
 * version not above the stored one and change nothing. Reconciliation compares revenue and
 * events (the cube holds no customer × product cells).
 */
@Injectable()
export class NationalUsageSink implements FiguresSink<typeof UsageRollupSliceSchema>, OnModuleInit {
  readonly measure = USAGE_MEASURE;
  readonly body = UsageRollupSliceSchema;
  readonly compared = ['revenueFen', 'eventCount'];

  constructor(
    private readonly figures: UpwardFigures,
    private readonly store: NationalCubeRepository,
  ) {}

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  refuse(cell: ReceivedCell<UsageRollupSlice>): string | undefined {
    if (cell.key !== '') return `a usage slice has the key "" (one per city and month)`;
    return sliceRefusal(cell.body);
  }

  async apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<UsageRollupSlice>[],
  ): Promise<number> {
    let applied = 0;
    for (const cell of cells) {
      const slice = { provinceCode: reporter, ...cell };
      if (!(await this.store.acceptVersion(tx, slice))) continue;
      await this.store.replaceCells(tx, slice);
      applied += 1;
    }
    return applied;
  }

  async totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    const rows = await this.store.totals(tx, cityCodes, billingMonths);
    return rows.map((r) => ({
      cityCode: r.city_code,
      billingMonth: r.billing_month,
      figures: { revenueFen: BigInt(r.revenue), eventCount: BigInt(r.events) },
    }));
  }
}
