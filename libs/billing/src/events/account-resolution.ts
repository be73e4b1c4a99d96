import type { EntityManager } from 'typeorm';

// Stand-in for @kaf/billing-accounts' BillingAccountDirectory until that package lands.
export type AccountResolution =
  | { ok: true; accountId: string; customerId: string }
  | { ok: false; field: 'billingAccount' | 'billingMonth'; reason: string };

export interface AccountResolver {
  resolve(
    tx: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string }[],
  ): Promise<AccountResolution[]>;
}
export const ACCOUNT_RESOLVER = Symbol('ACCOUNT_RESOLVER');

export const NO_ACCOUNTS_YET: AccountResolver = {
  resolve: (_tx, source, refs) =>
    Promise.resolve(
      refs.map((r) => ({
        ok: false as const,
        field: 'billingAccount' as const,
        reason: `billingAccount: ${r.accountNumber} is not an account of ${source} in this city`,
      })),
    ),
};

// Stand-in for @kaf/billing-accounts' BillingAccountRoutes (province) until that package lands.
export interface AccountRoutes {
  route(
    tx: EntityManager,
    source: string,
    refs: readonly { accountNumber: string; month: string }[],
  ): Promise<(string | undefined)[]>;
}
export const ACCOUNT_ROUTES = Symbol('ACCOUNT_ROUTES');
export const NO_ROUTES_YET: AccountRoutes = {
  route: (_tx, _source, refs) => Promise.resolve(refs.map(() => undefined)),
};
