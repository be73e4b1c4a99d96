import type { OnModuleInit } from '@nestjs/common';
import type { NodeIdentity } from '@kaf/federation';
import type { OutgoingCell, ResyncSelection, TotalsLine } from '../figure-cell';
import type { Measure } from '../measure';
import type { UpwardFigures } from '../upward-figures';
import type { FiguresSource, ReportingPace } from './figures-source';
import type { EntityManager } from 'typeorm';

/** What a city measure's cells repository answers its reporter (a city's versioned rows, see `takeUnreported`). */
export interface CityCellsRepository<Row, Totals> {
  /** Cells changed since they were last taken. */
  backlog(tx: EntityManager): Promise<number>;
  /** Up to `limit` waiting cells, marked taken in `tx`. */
  take(tx: EntityManager, limit: number): Promise<Row[]>;
  /** The city's own figures per month. */
  totals(tx: EntityManager, months: readonly string[]): Promise<Totals[]>;
}

/**
 * A city's cells of one measure as that measure's source: the plumbing every city measure shares
 * (registering with the reporter, the backlog, taking cells, totals per month). A measure names
 * itself, how its rows become cells and totals, and how it answers a resync.
 */
export abstract class CityFiguresSource<Row, Totals extends { billing_month: string }>
  implements FiguresSource, OnModuleInit
{
  abstract readonly measure: Measure;
  abstract readonly resyncOfAllMonths: boolean;

  constructor(
    protected readonly figures: UpwardFigures,
    protected readonly repository: CityCellsRepository<Row, Totals>,
    readonly pace: ReportingPace,
    protected readonly identity: NodeIdentity,
  ) {}

  /** A row of the city as a cell of the measure. */
  protected abstract toCell(row: Row): OutgoingCell;
  /** The measure's figures of a month's totals row. */
  protected abstract figuresOf(totals: Totals): TotalsLine['figures'];

  abstract resend(
    tx: EntityManager,
    selection: ResyncSelection,
    send: (cells: readonly OutgoingCell[]) => Promise<void>,
  ): Promise<number>;

  onModuleInit(): void {
    this.figures.reportFrom(this);
  }

  waiting(tx: EntityManager): Promise<number> {
    return this.repository.backlog(tx);
  }

  async take(tx: EntityManager, limit: number): Promise<OutgoingCell[]> {
    const rows = await this.repository.take(tx, limit);
    return rows.map((row) => this.toCell(row));
  }

  async totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]> {
    const rows = await this.repository.totals(tx, billingMonths);
    return rows.map((t) => ({
      cityCode: this.identity.code,
      billingMonth: t.billing_month,
      figures: this.figuresOf(t),
    }));
  }
}
