import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A customer's month whose arrears rows changed. */
export interface ArrearsMonthChange {
  customerId: string;
  billingMonth: string;
}

export type ArrearsMonthListener = (
  tx: EntityManager,
  changes: readonly ArrearsMonthChange[],
) => Promise<void>;

/**
 * Listeners told, in the transaction that changed them, which customers' month rows of
 * `billing_arrears_month` changed (a booking, a day turning); the figures reported upward mark
 * their cells from it.
 */
@Injectable()
export class ArrearsMonthChanges {
  private readonly listeners: ArrearsMonthListener[] = [];

  onChanged(listener: ArrearsMonthListener): void {
    this.listeners.push(listener);
  }

  async notify(tx: EntityManager, changes: readonly ArrearsMonthChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) await listener(tx, changes);
  }
}
