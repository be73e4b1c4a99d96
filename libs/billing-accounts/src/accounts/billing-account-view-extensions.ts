import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type BillingAccountViewProvider = (
  tx: EntityManager,
  accountIds: readonly string[],
) => Promise<Map<string, unknown>>;

/**
 * Registry through which other capabilities add fields to the billing-account view (e.g. the
 * balance): each provider answers for a page of accounts at once, and its value appears on each
 * item under its name (null when it has none for that account).
 */
@Injectable()
export class BillingAccountViewExtensions {
  private readonly providers = new Map<string, BillingAccountViewProvider>();

  register(name: string, provider: BillingAccountViewProvider): void {
    if (this.providers.has(name)) throw new Error(`billing-account view extension ${name} registered twice`);
    this.providers.set(name, provider);
  }

  /** Every extension's values for `accountIds`, by extension name. */
  async valuesOf(
    tx: EntityManager,
    accountIds: readonly string[],
  ): Promise<Map<string, Map<string, unknown>>> {
    const out = new Map<string, Map<string, unknown>>();
    if (accountIds.length === 0) return out;
    for (const [name, provider] of this.providers) out.set(name, await provider(tx, accountIds));
    return out;
  }
}
