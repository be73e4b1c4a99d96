import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SliceSelection } from './slice-dirty-list';
import { UsageSliceRepository } from './usage-slice.repository';

/**
 * Marks slices for rebuilding, in the caller's transaction: the billing policy listener (a new
 * value-class threshold) and the slice source's resync use it.
 */
@Injectable()
export class UsageSliceMarker {
  constructor(private readonly store: UsageSliceRepository) {}

  /** Every slice the province holds or has detail for; returns how many became dirty. */
  markAllDirty(tx: EntityManager): Promise<number> {
    return this.store.markDirty(tx);
  }

  /** The selected slices (empty lists: all months, all cities). */
  markDirty(tx: EntityManager, selection: SliceSelection): Promise<number> {
    return this.store.markDirty(tx, selection);
  }
}
