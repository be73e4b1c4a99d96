import type { EntityManager } from 'typeorm';
import type { ReceivablesService } from './receivables.service';
import type { AccountBalanceView } from './receivables.views';

/** The field the balances are added under in the billing-account view. */
export const ACCOUNT_BALANCE_FIELD = 'balance';

/**
 * The provider the billing-account view's extension registry takes (`register('balance', …)`):
 * each account's balance as of today, read in the view's transaction.
 */
export function accountBalancesProvider(
  receivables: ReceivablesService,
): (tx: EntityManager, accountIds: readonly string[]) => Promise<Map<string, AccountBalanceView>> {
  return (tx, accountIds) => receivables.balances(tx, accountIds);
}
