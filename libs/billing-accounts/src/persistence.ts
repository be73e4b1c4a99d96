import { BillingAccountHolderEntity } from './accounts/billing-account-holder.entity';
import { BillingAccountEntity } from './accounts/billing-account.entity';
import { CreateBillingAccounts1796700000001 } from './migrations/1796700000001-CreateBillingAccounts';
import { ReportedBillingAccountEntity } from './routes/reported-billing-account.entity';

/** Tables of the billing-accounts capability (city tables and the province's read model). */
export const BILLING_ACCOUNTS_ENTITIES = [
  BillingAccountEntity,
  BillingAccountHolderEntity,
  ReportedBillingAccountEntity,
];
export const BILLING_ACCOUNTS_MIGRATIONS = [CreateBillingAccounts1796700000001];
