import { Injectable } from '@nestjs/common';
import { CustomerDirectory } from '@kaf/customers';
import { type EntityManager, QueryFailedError } from 'typeorm';
import { type EventVerdict, planBatch } from '../domain/batch-plan';
import type { BookableUsageEvent } from './read-usage-event';
import { UsageLedgerRepository } from './usage-ledger.repository';

/** A concurrent batch wrote an event this plan relied on first: plan again on what it committed. */
export class LostRace extends Error {}

/** Deadlock and serialization failures: safe to retry, the transaction left nothing behind. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);

/**
 * Books usage (the usage kind of `BillingEventBooking`): plans a source's events against the
 * ledger and the city's customers, inserts the accepted ones into the ledger and their cells,
 * replaces corrected originals and takes them out of their cells, all inside the caller's transaction.
 */
@Injectable()
export class UsageBooking {
  constructor(
    private readonly customers: CustomerDirectory,
    private readonly ledger: UsageLedgerRepository,
  ) {}

  /**
   * Books `events` of one source inside `tx`; the verdicts come in the events' order. Throws
   * `LostRace` when a concurrent writer invalidated the plan: roll back and call again.
   *
   * Only ids a correction names are read (and locked) before planning: a plain event is inserted
   * with ON CONFLICT DO NOTHING, and an id the insert did not write was already in the ledger, so
   * it is answered as a duplicate. That spares a large batch of fresh events one index probe per
   * event, and a redelivered batch costs no more than a fresh one.
   */
  async bookWithin(
    tx: EntityManager,
    source: string,
    events: readonly BookableUsageEvent[],
  ): Promise<EventVerdict[]> {
    if (events.length === 0) return [];
    const named = new Set<string>();
    for (const e of events) {
      if (e.supersedes) named.add(e.eventId).add(e.supersedes);
    }
    const ledger = named.size > 0 ? await this.ledger.lock(tx, source, [...named]) : new Map();
    const knownCustomers = await this.customers.existingIds(
      [...new Set(events.map((e) => e.customerId))],
      tx,
    );
    const plan = planBatch(events, { knownCustomers, ledger });
    const unwritten = await this.ledger.insert(tx, source, plan.accepted);
    let verdicts = plan.verdicts;
    if (unwritten.size > 0) {
      // Every id a correction touches was read above, so an unwritten correction means a
      // concurrent writer got there between our read and our insert.
      if (plan.accepted.some((e) => e.supersedes !== null && unwritten.has(e.eventId))) throw new LostRace();
      verdicts = verdicts.map((v) =>
        v.status === 'accepted' && unwritten.has(v.eventId) ? { ...v, status: 'duplicate' as const } : v,
      );
    }
    const superseded = await this.ledger.supersede(tx, source, plan.supersessions);
    if (superseded !== plan.supersessions.length) throw new LostRace();
    await this.ledger.withdrawFromCells(
      tx,
      source,
      plan.supersessions.map((s) => s.original),
    );
    return verdicts;
  }
}

/** A booking transaction that may simply be run again: a lost race, a deadlock, a serialization failure. */
export function retryableBookingError(error: unknown): boolean {
  if (error instanceof LostRace) return true;
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}
