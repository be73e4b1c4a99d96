import { Injectable } from '@nestjs/common';
import { BillingAccountDirectory, lockAccountKeys } from '@kaf/billing-accounts';
import { DataSource, type EntityManager } from 'typeorm';
import type { EventVerdict } from '../domain/batch-plan';
import type { BookableUsageEvent } from '../ledger/read-usage-event';
import { retryableBookingError, UsageBooking } from '../ledger/usage-booking';
import type { ResolvedBill } from '../receivables/bill-ledger.repository';
import type { ResolvedPayment } from '../receivables/payment-ledger.repository';
import { ReceivablesBooking } from '../receivables/receivables-booking';
import {
  BILLING_EVENT_KINDS,
  type BillingEventKindName,
  type DoorEvent,
  type Holder,
  type KindBooker,
  type KindedEvent,
} from './billing-event-kind';

const MAX_ATTEMPTS = 3;

/**
 * The booking both doors share, for every kind of event: finds the holder of each event that
 * names a billing account (for the event's month, in the booking transaction), refuses the ones
 * whose account is not this city's, and books the rest kind by kind (usage, then bills, then
 * payments, so that a payment finds the bills of its own batch), in the events' order within a kind.
 */
@Injectable()
export class BillingEventBooking {
  private readonly bookers: ReadonlyMap<BillingEventKindName, KindBooker>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: BillingAccountDirectory,
    usage: UsageBooking,
    receivables: ReceivablesBooking,
  ) {
    this.bookers = new Map<BillingEventKindName, KindBooker>([
      ['usage', (tx, source, events) => usage.bookWithin(tx, source, events as BookableUsageEvent[])],
      ['bill', (tx, source, events) => receivables.bookBills(tx, source, events as ResolvedBill[])],
      ['payment', (tx, source, events) => receivables.bookPayments(tx, source, events as ResolvedPayment[])],
    ]);
  }

  /**
   * Books `events` of one source in a transaction of its own, retrying lost races and deadlocks;
   * `alsoWithin` (e.g. the batch's audit entry) runs in it once the verdicts are known.
   */
  async book(
    source: string,
    events: readonly KindedEvent[],
    alsoWithin?: (tx: EntityManager, verdicts: EventVerdict[]) => Promise<void>,
  ): Promise<EventVerdict[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (tx) => {
          const verdicts = await this.bookWithin(tx, source, events);
          await alsoWithin?.(tx, verdicts);
          return verdicts;
        });
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !retryableBookingError(error)) throw error;
      }
    }
  }

  /** Books `events` of one source inside `tx`; one verdict per event, in their order. */
  async bookWithin(
    tx: EntityManager,
    source: string,
    events: readonly KindedEvent[],
  ): Promise<EventVerdict[]> {
    const verdicts = new Array<EventVerdict>(events.length);
    const holders = await this.holdersOf(tx, source, events);
    for (const kindName of BILLING_EVENT_KINDS) {
      const positions: number[] = [];
      const bookable: (DoorEvent & Holder)[] = [];
      events.forEach((e, i) => {
        if (e.kind.name !== kindName) return;
        const holder = holders[i]!;
        if ('reason' in holder) {
          verdicts[i] = {
            index: e.event.index,
            eventId: e.event.eventId,
            status: 'rejected',
            reason: holder.reason,
          };
          return;
        }
        positions.push(i);
        bookable.push({ ...e.event, ...holder });
      });
      if (bookable.length === 0) continue;
      const booked = await this.bookers.get(kindName)!(tx, source, bookable);
      booked.forEach((verdict, j) => (verdicts[positions[j]!] = verdict));
    }
    return verdicts;
  }

  /** Each event's holder: the customer it names, or its account's holder for the month; or why not. */
  private async holdersOf(
    tx: EntityManager,
    source: string,
    events: readonly KindedEvent[],
  ): Promise<(Holder | { reason: string })[]> {
    const holders = new Array<Holder | { reason: string }>(events.length);
    const byAccount: number[] = [];
    events.forEach((e, i) => {
      const own = e.kind.ownCustomer(e.event);
      if (e.event.billingAccount === null && own !== null) holders[i] = { accountId: null, customerId: own };
      else if (e.event.billingAccount === null) holders[i] = { reason: 'billingAccount: must be given' };
      else byAccount.push(i);
    });
    if (byAccount.length === 0) return holders;
    const refs = (positions: readonly number[]) =>
      positions.map((i) => ({
        accountNumber: events[i]!.event.billingAccount!,
        month: events[i]!.kind.accountMonth(events[i]!.event),
      }));
    const resolved = await this.accounts.resolve(tx, source, refs(byAccount));
    // Positions in `byAccount` of the events whose account was not found.
    const missedAt = byAccount.flatMap((_, j) => (resolved[j]!.ok ? [] : [j]));
    const missed = missedAt.map((j) => byAccount[j]!);
    if (missed.length > 0) {
      // An account being opened right now may hold them: wait for that change, then look again,
      // so that what is refused (and parked) here is found by the opening's replay (lockAccountKeys).
      await lockAccountKeys(
        tx,
        missed.map((i) => ({ source, accountNumber: events[i]!.event.billingAccount! })),
        'shared',
      );
      const again = await this.accounts.resolve(tx, source, refs(missed));
      missedAt.forEach((j, k) => (resolved[j] = again[k]!));
    }
    resolved.forEach((r, j) => {
      const i = byAccount[j]!;
      holders[i] = r.ok
        ? { accountId: r.accountId, customerId: r.customerId }
        : {
            reason:
              r.field === 'billingMonth' ? renamed(r.reason, events[i]!.kind.accountMonthField) : r.reason,
          };
    });
    return holders;
  }
}

/** A month refusal under the field the event's month came from (a payment's `paidOn`). */
function renamed(reason: string, field: string): string {
  return reason.startsWith('billingMonth:') ? `${field}:${reason.slice('billingMonth:'.length)}` : reason;
}
