import type { EntityManager } from 'typeorm';
import type { LedgerEntry, Supersession } from '../domain/batch-plan';

/** An original a correction replaced: its account, and the month from which its rows can change. */
export interface ReplacedOriginal {
  accountId: string;
  month: string;
}

/** What the booking reads of a ledger row it may find re-sent or replace. */
export interface ReceivableLedgerEntry extends LedgerEntry {
  accountId: string;
}

/** The statements booking needs of a receivables ledger (bills or payments). */
export interface ReceivableLedger<E> {
  /** The source's rows among `eventIds`, locked in event-id order. */
  lock(
    tx: EntityManager,
    source: string,
    eventIds: readonly string[],
  ): Promise<Map<string, ReceivableLedgerEntry>>;
  /** Inserts the events in event-id order; answers the ids not written (already there). */
  insert(tx: EntityManager, source: string, events: readonly E[]): Promise<Set<string>>;
  /** Marks originals replaced; answers the account and month of each one that was still in force. */
  supersede(
    tx: EntityManager,
    source: string,
    supersessions: readonly Supersession[],
  ): Promise<ReplacedOriginal[]>;
}

/** Locks the source's rows of `table` among `eventIds` in a fixed order, so that concurrent corrections queue up. */
export async function lockLedgerRows(
  tx: EntityManager,
  table: 'billing_bill' | 'billing_payment',
  source: string,
  eventIds: readonly string[],
): Promise<Map<string, ReceivableLedgerEntry>> {
  if (eventIds.length === 0) return new Map();
  const rows: { event_id: string; superseded_by: string | null; account_id: string }[] = await tx.query(
    `SELECT event_id, superseded_by, account_id FROM ${table}
      WHERE source = $1 AND event_id = ANY($2::text[])
      ORDER BY event_id
      FOR UPDATE`,
    [source, eventIds],
  );
  return new Map(
    rows.map((r) => [
      r.event_id,
      { eventId: r.event_id, supersededBy: r.superseded_by, accountId: r.account_id },
    ]),
  );
}

/**
 * Marks originals of `table` replaced; answers the account of each one that was still in force and
 * its month (`monthOf`, an expression over the row: a bill's month, a payment's month paid).
 */
export async function supersedeLedgerRows(
  tx: EntityManager,
  table: 'billing_bill' | 'billing_payment',
  monthOf: string,
  source: string,
  supersessions: readonly Supersession[],
): Promise<ReplacedOriginal[]> {
  if (supersessions.length === 0) return [];
  const rows: { account_id: string; month: string }[] = await tx.query(
    `WITH replaced AS (
       UPDATE ${table} t SET superseded_by = s.replacement
         FROM unnest($2::text[], $3::text[]) AS s(original, replacement)
        WHERE t.source = $1 AND t.event_id = s.original AND t.superseded_by IS NULL
       RETURNING t.account_id, ${monthOf} AS month
     )
     SELECT account_id::text, month FROM replaced`,
    [source, supersessions.map((s) => s.original), supersessions.map((s) => s.by)],
  );
  return rows.map((r) => ({ accountId: r.account_id, month: r.month }));
}

/** The event ids of `events` the insert did not return. */
export function notWritten(
  events: readonly { eventId: string }[],
  written: readonly { event_id: string }[],
): Set<string> {
  const done = new Set(written.map((r) => r.event_id));
  return new Set(events.filter((e) => !done.has(e.eventId)).map((e) => e.eventId));
}
