import { Injectable } from '@nestjs/common';
import type { Principal } from '@kaf/auth';
import type { EntityManager } from 'typeorm';

/** An account that was created or changed, by the keys the billing system knows it by. */
export interface ChangedBillingAccount {
  source: string;
  accountNumber: string;
}

/** `principal`: who made the change (a user at a city; at a province, the city that reported it). */
export type BillingAccountListener = (
  tx: EntityManager,
  principal: Principal,
  accounts: readonly ChangedBillingAccount[],
) => Promise<void>;

/**
 * Registry of listeners run in the transaction that creates or changes accounts (at a city: REST,
 * CSV import; at a province: a city's snapshot changing its read model): e.g. events parked for
 * an unknown account are booked (city) or routed (province) once it exists. A listener that
 * throws rolls the change back.
 */
@Injectable()
export class BillingAccountChanges {
  private readonly listeners: BillingAccountListener[] = [];

  onChanged(listener: BillingAccountListener): void {
    this.listeners.push(listener);
  }

  /** Runs every listener, in registration order, inside `tx`. */
  async notify(
    tx: EntityManager,
    principal: Principal,
    accounts: readonly ChangedBillingAccount[],
  ): Promise<void> {
    if (accounts.length === 0) return;
    for (const listener of this.listeners) await listener(tx, principal, accounts);
  }
}
