import type { OnModuleInit } from '@nestjs/common';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import {
  type FiguresSink,
  highestVersions,
  type Measure,
  type ReceivedCell,
  type TotalsLine,
  type UpwardFigures,
} from '@kaf/upward-figures';
import type { EntityManager } from 'typeorm';

/** Customer ids as a city sends them. */
export const CUSTOMER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const INT32_MAX = 2_147_483_647;

/** What a province's copy of one measure's city cells answers its sink. */
export interface CityCellsCopy<Row, Totals> {
  /** Keeps each cell at the highest version; answers how many changed the copy. */
  upsert(tx: EntityManager, cityCode: string, cells: readonly Row[]): Promise<number>;
  /** The copy's figures per city and month. */
  totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<Totals[]>;
}

/**
 * Province: its cities' customer cells of one measure, that measure's sink; the plumbing every
 * such measure shares (registering with the receiver, keeping the highest version of each cell with
 * ids in lower case, totals per city and month). A measure names itself and its body, and says
 * which cells it refuses, how a cell becomes a row of its copy and what its totals are.
 */
export abstract class CityCellsSink<
  Body extends DescMessage,
  Row,
  Totals extends { city_code: string; billing_month: string },
>
  implements FiguresSink<Body>, OnModuleInit
{
  abstract readonly measure: Measure;
  abstract readonly body: Body;
  abstract readonly compared: readonly string[];

  constructor(
    protected readonly figures: UpwardFigures,
    protected readonly copy: CityCellsCopy<Row, Totals>,
  ) {}

  abstract refuse(cell: ReceivedCell<MessageShape<Body>>): string | undefined;
  /** A received cell (at its highest version) as a row of the copy, ids in lower case. */
  protected abstract rowOf(cell: ReceivedCell<MessageShape<Body>>): Row;
  /** The measure's figures of a totals row. */
  protected abstract figuresOf(totals: Totals): TotalsLine['figures'];

  onModuleInit(): void {
    this.figures.receiveInto(this);
  }

  apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<MessageShape<Body>>[],
  ): Promise<number> {
    return this.copy.upsert(
      tx,
      reporter,
      // Ids are kept in lower case; the same cell in two spellings collapses to its highest version.
      highestVersions(cells, (key) => key.toLowerCase()).map((c) => this.rowOf(c)),
    );
  }

  async totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]> {
    const rows = await this.copy.totals(tx, cityCodes, billingMonths);
    return rows.map((r) => ({
      cityCode: r.city_code,
      billingMonth: r.billing_month,
      figures: this.figuresOf(r),
    }));
  }
}
