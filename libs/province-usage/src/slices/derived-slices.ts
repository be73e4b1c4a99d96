import { FigureCellError, type OutgoingCell, type ReportingPace } from '@kaf/upward-figures';
import type { EntityManager } from 'typeorm';
import { sliceKey } from '../cube/usage-cube.vocabulary';
import type { ClaimedSlice, SliceDirtyList } from './slice-dirty-list';
import type { UsageSlicesOptions } from './usage-slices.options';

/**
 * How a province reports the slices it derives (usage, arrears): changes collapse into one build
 * per slice while the interval runs, one slice per transaction, in REPEATABLE READ so that every
 * statement of a build sees the same detail (USAGE_SLICE_INTERVAL_MS, USAGE_SLICE_MAX_PER_ROUND).
 */
export function derivedSlicePace(options: UsageSlicesOptions): ReportingPace {
  return {
    intervalMs: options.intervalMs,
    sendAtOnce: Number.MAX_SAFE_INTEGER,
    cellsPerMessage: 1,
    cellsPerTransaction: 1,
    cellsPerRound: options.maxSlicesPerRound,
    isolation: 'REPEATABLE READ',
  };
}

/**
 * A derived source's `take`: claims the oldest dirty slice no other instance holds and that is
 * not held back, and builds it in the same transaction (the claim, the slice rows and the outbox
 * message commit together or not at all). A failing build names its slice, so the reporter holds
 * it back while the others go on; its mark comes back with the rollback.
 */
export async function takeDerivedSlice(
  tx: EntityManager,
  dirty: SliceDirtyList,
  skip: readonly { cityCode: string; billingMonth: string }[],
  build: (tx: EntityManager, slice: ClaimedSlice) => Promise<OutgoingCell>,
): Promise<OutgoingCell[]> {
  const claimed = await dirty.claimNext(
    tx,
    skip.map((held) => sliceKey(held.cityCode, held.billingMonth)),
  );
  if (!claimed) return [];
  try {
    return [await build(tx, claimed)];
  } catch (error) {
    throw new FigureCellError(
      { cityCode: claimed.cityCode, billingMonth: claimed.billingMonth, key: '' },
      error,
    );
  }
}
