// Test entry point (@kaf/billing/testing): the ledger's booking core and the arrears source, driven directly against a
// real database by the integration suites. Other libs reach billing through its public index.
export { type UsageEvent } from './ledger/read-usage-event';
export { UsageLedgerRepository } from './ledger/usage-ledger.repository';
export { ArrearsMonthChanges } from './receivables/arrears-month-changes';
export { ArrearsCellsRepository } from './reporting/arrears-cells.repository';
export { usageReportingPace } from './reporting/usage-reporting.options';
export { CityArrearsSource } from './reporting/city-arrears.source';
