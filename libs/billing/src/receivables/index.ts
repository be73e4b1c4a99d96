// Bills, payments and arrears at the city: the readers and the booking the doors build on.
export {
  ArrearsMonthChanges,
  type ArrearsMonthChange,
  type ArrearsMonthListener,
} from './arrears-month-changes';
export type { BillEvent } from './domain/read-bill-event';
export { readBillEvent } from './domain/read-bill-event';
export type { PaymentEvent } from './domain/read-payment-event';
export { readPaymentEvent } from './domain/read-payment-event';
export type { ResolvedBill } from './bill-ledger.repository';
export type { ResolvedPayment } from './payment-ledger.repository';
export { RECEIVABLES_CHUNK, ReceivablesBooking } from './receivables-booking';
export { ACCOUNT_BALANCE_FIELD, AccountBalancesExtension } from './account-balances.provider';
export { ReceivablesService } from './receivables.service';
