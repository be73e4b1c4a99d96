import type { BillingEventKind } from '../events/billing-event-kind';
import { type BillEvent, readBillEvent } from './domain/read-bill-event';
import { type PaymentEvent, readPaymentEvent } from './domain/read-payment-event';

/** A bill (帐单): the amount due of an account for a billing month, and its due date. */
export const BILL_EVENTS: BillingEventKind<BillEvent> = {
  name: 'bill',
  cloudEventType: 'cn.kaf.billing.bill.v1',
  restResource: 'bill-batches',
  read: readBillEvent,
  accountMonth: (event) => event.billingMonth,
  accountMonthField: 'billingMonth',
  ownCustomer: () => null,
};

/** A payment (缴费) into an account, settling the bill it names or the oldest open ones. */
export const PAYMENT_EVENTS: BillingEventKind<PaymentEvent> = {
  name: 'payment',
  cloudEventType: 'cn.kaf.billing.payment.v1',
  restResource: 'payment-batches',
  read: readPaymentEvent,
  // The account must be open in the month the payment was made.
  accountMonth: (event) => event.paidOn.slice(0, 7),
  accountMonthField: 'paidOn',
  ownCustomer: () => null,
};
