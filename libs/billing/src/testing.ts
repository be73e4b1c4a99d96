// Test entry point (@kaf/billing/testing): the ledger's booking core, driven directly against a
// real database by the integration suites. Other libs reach billing through its public index.
export { type BookableUsageEvent } from './ledger/read-usage-event';
export { UsageLedgerRepository } from './ledger/usage-ledger.repository';
