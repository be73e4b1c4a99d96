import { Injectable } from '@nestjs/common';
import { isBillingMonth } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { ReportedBillingAccountRepository } from './reported-billing-account.repository';

/** Where the province sends the billing system's events: the city holding each account. */
@Injectable()
export class BillingAccountRoutes {
  constructor(private readonly reported: ReportedBillingAccountRepository) {}

  /** The city that holds each account for the month; undefined when none does. Set-based. */
  route(
    tx: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string }[],
  ): Promise<(string | undefined)[]> {
    return this.reported.cityFor(
      tx,
      source,
      refs.map((r) => ({ accountNumber: r.accountNumber, month: isBillingMonth(r.month) ? r.month : null })),
    );
  }
}
