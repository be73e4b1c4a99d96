import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import type { ReceivedCell, TotalsLine } from '../figure-cell';
import type { Measure } from '../measure';

/**
 * The receiving parent's side of a measure: how its copy keeps the cells children report, and
 * what it holds for reconciliation. The handler has already checked the sender, the cities
 * (of the sender's subtree), the months, the versions, and decoded each body with `body`.
 */
export interface FiguresSink<Body extends DescMessage = DescMessage> {
  readonly measure: Measure;
  /** The message the children encode a cell's body with. */
  readonly body: Body;
  /** The totals this node holds and reconciliation compares (a subset of the measure's). */
  readonly compared: readonly string[];
  /** Why a cell's body cannot be kept (the message is refused whole), or undefined. */
  refuse?(cell: ReceivedCell<MessageShape<Body>>): string | undefined;
  /**
   * Keeps each cell at the highest version received, in the inbox transaction; a version not above
   * the one held changes nothing. Returns how many cells changed the copy.
   */
  apply(
    tx: EntityManager,
    reporter: string,
    cells: readonly ReceivedCell<MessageShape<Body>>[],
  ): Promise<number>;
  /** What this node holds per city and month, for the cities and months of a reconciliation. */
  totals(
    tx: EntityManager,
    cityCodes: readonly string[],
    billingMonths: readonly string[],
  ): Promise<TotalsLine[]>;
  /**
   * Before cells of differing lines are asked for again: give up what the child would re-send at
   * a version already held (a child re-sends at its current versions), so the re-sent cells
   * replace an altered copy. Returns the cells released. Not needed where re-sent cells always
   * carry new versions.
   */
  releaseForResync?(
    tx: EntityManager,
    lines: readonly { cityCode: string; billingMonth: string }[],
  ): Promise<number>;
}
