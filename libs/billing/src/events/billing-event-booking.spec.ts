import type { BillingAccountDirectory } from '@kaf/billing-accounts';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventVerdict } from '../domain/batch-plan';
import type { UsageBooking } from '../ledger/usage-booking';
import { USAGE_EVENTS } from '../ledger/usage-event.kind';
import type { ReceivablesBooking } from '../receivables/receivables-booking';
import { BILL_EVENTS, PAYMENT_EVENTS } from '../receivables/receivable-event.kinds';
import { BillingEventBooking } from './billing-event-booking';
import type { BillingEventKind, DoorEvent, KindedEvent } from './billing-event-kind';

const tx = {} as EntityManager;
const CUSTOMER = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';

/** Books every event it is given as accepted, recording the calls in order. */
function recordingBooker(kind: string, calls: string[]) {
  return (_tx: EntityManager, _source: string, events: readonly DoorEvent[]): Promise<EventVerdict[]> => {
    calls.push(`${kind}:${events.map((e) => e.eventId).join(',')}`);
    return Promise.resolve(
      events.map((e) => ({ index: e.index, eventId: e.eventId, status: 'accepted' as const })),
    );
  };
}

function booking(calls: string[]) {
  const accounts = {
    resolve: (
      _tx: EntityManager,
      _source: string,
      refs: readonly { accountNumber: string; month: string }[],
    ) =>
      Promise.resolve(
        refs.map((r) =>
          r.accountNumber === 'A-1' && r.month >= '2026-01'
            ? { ok: true as const, accountId: 'acc-1', customerId: CUSTOMER }
            : r.accountNumber === 'A-1'
              ? {
                  ok: false as const,
                  field: 'billingMonth' as const,
                  reason: `billingMonth: ${r.month} is before account A-1 opened`,
                }
              : {
                  ok: false as const,
                  field: 'billingAccount' as const,
                  reason: `billingAccount: ${r.accountNumber} is not an account`,
                },
        ),
      ),
  } as unknown as BillingAccountDirectory;
  const usage = { bookWithin: recordingBooker('usage', calls) } as unknown as UsageBooking;
  const receivables = {
    bookBills: recordingBooker('bill', calls),
    bookPayments: recordingBooker('payment', calls),
  } as unknown as ReceivablesBooking;
  return new BillingEventBooking({} as DataSource, accounts, usage, receivables);
}

const event = (kind: BillingEventKind, eventId: string, fields: Record<string, unknown>): KindedEvent => ({
  kind,
  event: { index: 0, eventId, supersedes: null, billingAccount: null, ...fields },
});

describe('booking events of every kind in one batch', () => {
  it('books usage, then bills, then payments, and answers each event in the order it came', async () => {
    const calls: string[] = [];
    const verdicts = await booking(calls).bookWithin(tx, 'boss', [
      event(PAYMENT_EVENTS, 'p1', { billingAccount: 'A-1', paidOn: '2026-03-02' }),
      event(USAGE_EVENTS, 'u1', { customerId: CUSTOMER, billingMonth: '2026-03' }),
      event(BILL_EVENTS, 'b1', { billingAccount: 'A-1', billingMonth: '2026-02' }),
      event(USAGE_EVENTS, 'u2', { customerId: null, billingAccount: 'A-1', billingMonth: '2026-03' }),
    ]);
    expect(calls).toEqual(['usage:u1,u2', 'bill:b1', 'payment:p1']);
    expect(verdicts.map((v) => [v.eventId, v.status])).toEqual([
      ['p1', 'accepted'],
      ['u1', 'accepted'],
      ['b1', 'accepted'],
      ['u2', 'accepted'],
    ]);
  });

  it('refuses an unknown account naming billingAccount, and a month outside the account naming the month the event gave', async () => {
    const calls: string[] = [];
    const verdicts = await booking(calls).bookWithin(tx, 'boss', [
      event(BILL_EVENTS, 'b1', { billingAccount: 'ZZ-9', billingMonth: '2026-02' }),
      event(BILL_EVENTS, 'b2', { billingAccount: 'A-1', billingMonth: '2025-12' }),
      event(PAYMENT_EVENTS, 'p1', { billingAccount: 'A-1', paidOn: '2025-11-30' }),
    ]);
    expect(calls).toEqual([]);
    expect(verdicts.map((v) => (v.status === 'rejected' ? v.reason.split(':')[0] : v.status))).toEqual([
      'billingAccount',
      'billingMonth',
      'paidOn',
    ]);
  });
});
