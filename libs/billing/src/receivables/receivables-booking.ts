import { Injectable } from '@nestjs/common';
import { shanghaiDate } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { type EventVerdict, planBatch, type PlannedEvent } from '../domain/batch-plan';
import { LostRace } from '../ledger/usage-booking';
import { AccountPositions } from './account-positions';
import { BillLedgerRepository, type ResolvedBill } from './bill-ledger.repository';
import { PaymentLedgerRepository, type ResolvedPayment } from './payment-ledger.repository';
import type { ReceivableLedger, ReplacedOriginal } from './receivable-ledger';

/** Events planned and written per round: a few statements each, far from the bind-parameter limit. */
export const RECEIVABLES_CHUNK = 1_000;

type Resolved = PlannedEvent & { accountId: string };

/**
 * Books bills and payments of one source inside the caller's transaction (the doors resolve
 * accounts and audit the batch around it), with the usage ledger's rules: a re-sent event id is a
 * duplicate, a correction names an original of the same source and kind still in force and
 * replaces it once. Then the touched accounts' derived rows are recomputed and the listeners of
 * `ArrearsMonthChanges` told, in the same transaction.
 *
 * Throws `LostRace` (retryable, as the usage booking's) when a concurrent batch replaced an
 * original this one relied on: roll back and book again.
 */
@Injectable()
export class ReceivablesBooking {
  constructor(
    private readonly billLedger: BillLedgerRepository,
    private readonly paymentLedger: PaymentLedgerRepository,
    private readonly positions: AccountPositions,
  ) {}

  /** Books bills; verdicts in the events' order. `now` fixes "today" for the derived rows. */
  bookBills(
    tx: EntityManager,
    source: string,
    events: readonly ResolvedBill[],
    now: Date = new Date(),
  ): Promise<EventVerdict[]> {
    return this.book(tx, source, events, this.billLedger, (e) => e.billingMonth, now);
  }

  /** Books payments; verdicts in the events' order. */
  bookPayments(
    tx: EntityManager,
    source: string,
    events: readonly ResolvedPayment[],
    now: Date = new Date(),
  ): Promise<EventVerdict[]> {
    return this.book(tx, source, events, this.paymentLedger, (e) => e.paidOn.slice(0, 7), now);
  }

  private async book<E extends Resolved>(
    tx: EntityManager,
    source: string,
    events: readonly E[],
    ledger: ReceivableLedger<E>,
    monthOf: (event: E) => string,
    now: Date,
  ): Promise<EventVerdict[]> {
    if (events.length === 0) return [];
    // Each touched account, and the earliest month whose row the batch can change.
    const touched = new Map<string, string>();
    const touch = (accountId: string, month: string): void => {
      const known = touched.get(accountId);
      if (known === undefined || month < known) touched.set(accountId, month);
    };
    await this.positions.lock(
      tx,
      events.map((e) => e.accountId),
    );
    for (const e of events) touch(e.accountId, monthOf(e));
    const verdicts: EventVerdict[] = [];
    for (let from = 0; from < events.length; from += RECEIVABLES_CHUNK) {
      const chunk = events.slice(from, from + RECEIVABLES_CHUNK);
      const originals = await this.bookChunk(tx, source, chunk, ledger, verdicts);
      const others = originals.filter((o) => !touched.has(o.accountId)).map((o) => o.accountId);
      // An original of another account (a correction moving an event): locked now, after the rest.
      await this.positions.lock(tx, others);
      for (const o of originals) touch(o.accountId, o.month);
    }
    await this.positions.recompute(tx, [...touched.keys()], shanghaiDate(now), touched);
    return verdicts;
  }

  private async bookChunk<E extends Resolved>(
    tx: EntityManager,
    source: string,
    events: readonly E[],
    ledger: ReceivableLedger<E>,
    verdicts: EventVerdict[],
  ): Promise<ReplacedOriginal[]> {
    const named = new Set<string>();
    for (const e of events) {
      named.add(e.eventId);
      if (e.supersedes) named.add(e.supersedes);
    }
    const rows = await ledger.lock(tx, source, [...named]);
    // Accounts were resolved by the door; the customers are the accounts' holders, so all known.
    const plan = planBatch(events, {
      knownCustomers: new Set(events.map((e) => e.customerId)),
      ledger: rows,
    });
    const unwritten = await ledger.insert(tx, source, plan.accepted);
    let chunkVerdicts = plan.verdicts;
    if (unwritten.size > 0) {
      // A concurrent batch wrote the id between our read and our insert: a plain event is then a
      // duplicate, a correction must be planned again on what that batch committed.
      if (plan.accepted.some((e) => e.supersedes !== null && unwritten.has(e.eventId))) throw new LostRace();
      chunkVerdicts = chunkVerdicts.map((v) =>
        v.status === 'accepted' && unwritten.has(v.eventId) ? { ...v, status: 'duplicate' as const } : v,
      );
    }
    const originals = await ledger.supersede(tx, source, plan.supersessions);
    if (originals.length !== plan.supersessions.length) throw new LostRace();
    verdicts.push(...chunkVerdicts);
    return originals;
  }
}
