import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The reported attributes that other capabilities classify customers by. */
export type ReportedAttribute = 'industry' | 'grade' | 'group' | 'status';

export interface ReportedCustomerChange {
  customerId: string;
  cityCode: string;
  /** Which attributes differ from the province's previous copy; all of them for a first copy. */
  attributes: readonly ReportedAttribute[];
  /** The province had no copy of the customer before. */
  first: boolean;
}

/** Runs inside the transaction that stored the snapshots; a throw rolls the change back. */
export type ReportedCustomerListener = (
  tx: EntityManager,
  changes: readonly ReportedCustomerChange[],
) => Promise<void>;

/**
 * Tells other capabilities at the province that a city's customer changed an attribute they
 * classify by, in the same transaction as the change, so derived figures can be marked stale
 * atomically with it.
 */
@Injectable()
export class ReportedCustomerChanges {
  private readonly listeners: ReportedCustomerListener[] = [];

  onChanged(listener: ReportedCustomerListener): void {
    this.listeners.push(listener);
  }

  async notify(tx: EntityManager, changes: readonly ReportedCustomerChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) await listener(tx, changes);
  }
}
