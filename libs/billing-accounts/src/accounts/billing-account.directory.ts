import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccountResolution, judgeReference } from '../domain/account-months';
import { BillingAccountRepository } from './billing-account.repository';

/** Resolves the billing system's keys (source, account number, month) to this city's accounts. */
@Injectable()
export class BillingAccountDirectory {
  constructor(private readonly accounts: BillingAccountRepository) {}

  /**
   * The account and the customer holding it in each reference's month. Set-based: one query for
   * thousands of references; the answers come in the order of `refs`.
   */
  async resolve(
    tx: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string }[],
  ): Promise<AccountResolution[]> {
    const found = await this.accounts.findForMonths(tx, source, refs);
    return refs.map((ref, i) => judgeReference(source, ref, found[i]));
  }
}
