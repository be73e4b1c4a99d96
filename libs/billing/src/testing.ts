// Test entry point (@kaf/billing/testing): the ledger's booking core and the arrears source, driven directly against a
// real database by the integration suites. Other libs reach billing through its public index.
export { type BookableUsageEvent } from './ledger/read-usage-event';
export { UsageLedgerRepository } from './ledger/usage-ledger.repository';
export { AccountPositions } from './receivables/account-positions';
export { ArrearsMonthChanges } from './receivables/arrears-month-changes';
export { ArrearsMonthRepository } from './receivables/arrears-month.repository';
export { BillLedgerRepository, type ResolvedBill } from './receivables/bill-ledger.repository';
export { PaymentLedgerRepository, type ResolvedPayment } from './receivables/payment-ledger.repository';
export { ReceivablesBooking } from './receivables/receivables-booking';
export { ArrearsMonthRefresher } from './receivables/arrears-month.refresher';
export { ReceivablesService } from './receivables/receivables.service';
export { ArrearsCellsRepository } from './reporting/arrears-cells.repository';
export { usageReportingPace } from './reporting/usage-reporting.options';
export { CityArrearsSource } from './reporting/city-arrears.source';
