import { Injectable, type OnModuleInit } from '@nestjs/common';
import { BillingAccountViewExtensions } from '@kaf/billing-accounts';
import { ReceivablesService } from './receivables.service';

/** The field the balances are added under in the billing-account view. */
export const ACCOUNT_BALANCE_FIELD = 'balance';

/**
 * Adds each account's balance as of today (what is open, overdue by band, and its credit) to the
 * billing-account view (`GET /api/v1/customers/{id}/billing-accounts`), read in the view's transaction.
 */
@Injectable()
export class AccountBalancesExtension implements OnModuleInit {
  constructor(
    private readonly extensions: BillingAccountViewExtensions,
    private readonly receivables: ReceivablesService,
  ) {}

  onModuleInit(): void {
    this.extensions.register(ACCOUNT_BALANCE_FIELD, (tx, accountIds) =>
      this.receivables.balances(tx, accountIds),
    );
  }
}
