import { Injectable } from '@nestjs/common';
import { type EntityManager, QueryFailedError } from 'typeorm';
import type { LedgerEntry, Supersession } from '../domain/batch-plan';
import { addToMonthlyCells } from '../monthly/monthly-usage.repository';
import { ledgerColumns } from './ledger-rows';
import type { BookableUsageEvent } from './read-usage-event';

/**
 * The ledger and monthly cells in set-based SQL: a batch of a thousand events costs a handful of
 * statements, whatever its size, and never approaches the bind-parameter limit.
 */
@Injectable()
export class UsageLedgerRepository {
  /**
   * The source's ledger rows among `eventIds`, locked in a fixed order so that concurrent batches
   * correcting the same original queue up instead of both replacing it.
   */
  async lock(
    tx: EntityManager,
    source: string,
    eventIds: readonly string[],
  ): Promise<Map<string, LedgerEntry>> {
    const rows: { event_id: string; superseded_by: string | null }[] = await tx.query(
      `SELECT event_id, superseded_by FROM billing_usage_event
        WHERE source = $1 AND event_id = ANY($2::text[])
        ORDER BY event_id
        FOR UPDATE`,
      [source, eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, { eventId: r.event_id, supersededBy: r.superseded_by }]));
  }

  /**
   * Inserts the events and adds the ones written to their monthly cells, in one statement.
   * Returns the ids NOT written: they were in the ledger already (or written by a concurrent batch
   * first), and the unique constraint decides who counts them.
   *
   * A batch of some size is first inserted as if every event were new, under a savepoint: a plain
   * insert costs PostgreSQL about a third less than one with ON CONFLICT (no speculative insertion
   * per row), and fresh events are the common case. One id already in the ledger fails it with a
   * unique violation; the batch is then rolled back to the savepoint and inserted with ON CONFLICT
   * DO NOTHING, which skips what is there. Rows and cells go in key order either way, to keep
   * concurrent batches from deadlocking on them.
   */
  async insert(
    tx: EntityManager,
    source: string,
    events: readonly BookableUsageEvent[],
  ): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const c = ledgerColumns(events);
    const params = [
      source,
      c.ids,
      c.eventIds,
      c.customerIds,
      c.products,
      c.billingMonths,
      c.occurredAt,
      c.amountsFen,
      c.quantities,
      c.units,
      c.supersedes,
    ];
    if (events.length >= FRESH_INSERT_MIN_EVENTS) {
      await tx.query('SAVEPOINT ledger_fresh_insert');
      try {
        await tx.query(INSERT_FRESH, params);
        await tx.query('RELEASE SAVEPOINT ledger_fresh_insert');
        return new Set();
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        await tx.query('ROLLBACK TO SAVEPOINT ledger_fresh_insert');
      }
    }
    const rows: { event_id: string }[] = await tx.query(INSERT_NEW_ONLY, params);
    return new Set(rows.map((r) => r.event_id));
  }

  /** Marks originals as replaced; returns how many were still in force. */
  async supersede(
    tx: EntityManager,
    source: string,
    supersessions: readonly Supersession[],
  ): Promise<number> {
    if (supersessions.length === 0) return 0;
    // Counted in a SELECT: the driver answers a bare UPDATE with [rows, count], not rows.
    const [row] = await tx.query<{ n: number }[]>(
      `WITH replaced AS (
         UPDATE billing_usage_event u SET superseded_by = s.replacement
           FROM unnest($2::text[], $3::text[]) AS s(original, replacement)
          WHERE u.source = $1 AND u.event_id = s.original AND u.superseded_by IS NULL
         RETURNING u.event_id
       )
       SELECT count(*)::int AS n FROM replaced`,
      [source, supersessions.map((s) => s.original), supersessions.map((s) => s.by)],
    );
    return row?.n ?? 0;
  }

  /**
   * Takes the replaced originals out of their cells (`insert` has added the new events), so a
   * cell always equals the sum of its events in force. Cells are upserted in key order to keep
   * concurrent batches from deadlocking on them.
   */
  async withdrawFromCells(tx: EntityManager, source: string, withdrawn: readonly string[]): Promise<void> {
    if (withdrawn.length === 0) return;
    await tx.query(
      `WITH delta AS (
         SELECT customer_id, product, billing_month, -amount_fen AS amount_fen,
                -coalesce(quantity, 0) AS quantity, -1 AS events
           FROM billing_usage_event WHERE source = $1 AND event_id = ANY($2::text[])
       )
       ${addToMonthlyCells('delta')}`,
      [source, withdrawn],
    );
  }
}

/** Below this a batch goes straight to the ON CONFLICT insert: a savepoint's round trips outweigh the gain. */
const FRESH_INSERT_MIN_EVENTS = 64;

/** The events of a batch, as the array literals of `ledgerColumns`. */
const BATCH_EVENTS = `SELECT * FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[],
                                 $8::bigint[], $9::numeric[], $10::text[], $11::text[])
         AS e(id, event_id, customer_id, product, billing_month, occurred_at, amount_fen, quantity, unit, supersedes)`;

const LEDGER_COLUMNS = `(id, source, event_id, customer_id, product, billing_month, occurred_at, amount_fen, quantity, unit, supersedes)`;
const LEDGER_VALUES = `e.id, $1, e.event_id, e.customer_id, e.product, e.billing_month, e.occurred_at,
                e.amount_fen, e.quantity, e.unit, e.supersedes`;

/** Adds the ledger rows of `from`, one event each, to their monthly cells. */
const ADD_TO_CELLS = (from: string): string =>
  addToMonthlyCells(`(SELECT customer_id, product, billing_month, amount_fen,
                             coalesce(quantity, 0) AS quantity, 1 AS events
                        FROM ${from}) AS added`);

/** Every event is new: all are written, so the cells are summed from the batch itself. */
const INSERT_FRESH = `WITH input AS (
         ${BATCH_EVENTS}
       ), written AS (
         INSERT INTO billing_usage_event ${LEDGER_COLUMNS}
         SELECT ${LEDGER_VALUES}
           FROM input e
          ORDER BY e.event_id
       )
       ${ADD_TO_CELLS('input')}`;

/**
 * Writes the events the ledger does not hold; the cells are summed from the rows the insert
 * returns, so the ledger is not read back. Answers the ids not written.
 */
const INSERT_NEW_ONLY = `WITH input AS (
         ${BATCH_EVENTS}
       ), written AS (
         INSERT INTO billing_usage_event ${LEDGER_COLUMNS}
         SELECT ${LEDGER_VALUES}
           FROM input e
          ORDER BY e.event_id
         ON CONFLICT (source, event_id) DO NOTHING
         RETURNING event_id, customer_id, product, billing_month, amount_fen, quantity
       ), cells AS (
         ${ADD_TO_CELLS('written')}
       )
       SELECT event_id FROM input EXCEPT ALL SELECT event_id FROM written`;

/** 23505: the batch holds an id the ledger has (or a concurrent batch has just written). */
function uniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: unknown } | undefined)?.code === '23505'
  );
}
