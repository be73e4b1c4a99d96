// Billing accounts: the billing systems' account numbers held by the city's customers, by month,
// and the province's read model that routes a province-wide feed to the city holding each one.
export { BillingAccountsModule } from './billing-accounts.module';
export { BillingAccountRoutesModule } from './routes/billing-account-routes.module';
export { BillingAccountDirectory } from './accounts/billing-account.directory';
export {
  BillingAccountChanges,
  type BillingAccountListener,
  type ChangedBillingAccount,
} from './accounts/billing-account-changes';
export {
  BillingAccountViewExtensions,
  type BillingAccountViewProvider,
} from './accounts/billing-account-view-extensions';
export { BillingAccountRoutes } from './routes/billing-account-routes';
export { type AccountResolution, judgeReference, monthOfDay } from './domain/account-months';
export { ACCOUNT_NUMBER } from './accounts/billing-account.dto';
export { type AccountKey, lockAccountKeys } from './accounts/account-key-locks';
export { BILLING_ACCOUNTS_ENTITIES, BILLING_ACCOUNTS_MIGRATIONS } from './persistence';
