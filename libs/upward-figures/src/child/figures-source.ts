import type { EntityManager } from 'typeorm';
import {
  type CellPlace,
  type OutgoingCell,
  placeKey,
  type ResyncSelection,
  type TotalsLine,
} from '../figure-cell';
import type { Measure } from '../measure';

/** How a source's changes are pushed to the parent. */
export interface ReportingPace {
  /** Longest a change waits before it is reported (the debounce window). */
  intervalMs: number;
  /** A backlog this large is reported at once, without waiting out the interval. */
  sendAtOnce: number;
  /** Cells per FiguresReported message. */
  cellsPerMessage: number;
  /** Cells taken in one transaction; a larger backlog takes several. */
  cellsPerTransaction: number;
  /** At most this many cells tried per round; the rest waits for the next tick. */
  cellsPerRound: number;
  /** Isolation of the taking transaction (a source deriving its cells may need a stable view). */
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ';
}

/**
 * The reporting child's side of a measure: what it holds, in the shape its parent receives.
 * The reporter pushes what `take` hands over; the requests of the parent are answered by
 * `resend` and `totals`. Every method runs in the caller's transaction.
 */
export interface FiguresSource {
  readonly measure: Measure;
  readonly pace: ReportingPace;
  /** Cells changed since they were last taken (or marked to be derived again). */
  waiting(tx: EntityManager): Promise<number>;
  /**
   * Hands over up to `limit` waiting cells and marks them taken, in `tx`: the mark commits with
   * the outbox rows or not at all. `skip` holds the places of cells held back for now after a
   * `FigureCellError`: a failure that concerns one cell only throws one, naming its place.
   */
  take(tx: EntityManager, limit: number, skip: readonly CellPlace[]): Promise<OutgoingCell[]>;
  /**
   * Whether a resync may name no months (every month): a source that only marks cells to be
   * taken again can, one that sends them in the inbox transaction should not.
   */
  readonly resyncOfAllMonths: boolean;
  /**
   * The parent asks again for the selected cells: pass them to `send` at their versions, or mark
   * them to be taken again. Returns the cells sent or marked.
   */
  resend(
    tx: EntityManager,
    selection: ResyncSelection,
    send: (cells: readonly OutgoingCell[]) => Promise<void>,
  ): Promise<number>;
  /** The totals this node holds per city and month of its subtree, for the months. */
  totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]>;
}

/** A source could not hand over one cell; the others go on, this one is retried later. */
export class FigureCellError extends Error {
  override readonly name = 'FigureCellError';

  constructor(
    readonly place: CellPlace,
    override readonly cause: unknown,
  ) {
    super(`cell ${placeKey(place)} not taken: ${String(cause)}`);
  }
}
