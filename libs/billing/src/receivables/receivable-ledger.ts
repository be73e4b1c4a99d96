import type { DataSource, EntityManager } from 'typeorm';
import type { LedgerEntry, Supersession } from '../domain/batch-plan';
import { batchIds } from '../ledger/ledger-rows';

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
async function lockLedgerRows(
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
async function supersedeLedgerRows(
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
function notWritten(
  events: readonly { eventId: string }[],
  written: readonly { event_id: string }[],
): Set<string> {
  const done = new Set(written.map((r) => r.event_id));
  return new Set(events.filter((e) => !done.has(e.eventId)).map((e) => e.eventId));
}

/** What every receivable event carries once resolved to its account and holder. */
export interface ResolvedReceivable {
  eventId: string;
  accountId: string;
  customerId: string;
  billingAccount: string;
  supersedes: string | null;
}

/** What every receivable row in force shows. */
export interface ReceivableRow {
  eventId: string;
  accountId: string;
  customerId: string;
  billingAccount: string;
}

/** One column of a ledger's own: its name, its array type for `unnest`, and its value of an event. */
export interface LedgerColumn<E> {
  name: string;
  type: string;
  of: (event: E) => unknown;
}

/**
 * The statements shared by the bill and payment ledgers, set-based; a ledger names its table, the
 * month from which its rows can change, and its own columns, and reads its own rows.
 */
export abstract class ReceivableLedgerTable<
  E extends ResolvedReceivable,
  R extends ReceivableRow,
  O extends Record<string, string | null>,
> implements ReceivableLedger<E> {
  protected abstract readonly table: 'billing_bill' | 'billing_payment';
  /** The first month whose rows a row can change, an expression over the row `t`. */
  protected abstract readonly monthOfRow: string;
  /** The columns between `billing_account` and `supersedes`, in table order. */
  protected abstract readonly ownColumns: readonly LedgerColumn<E>[];
  /** The own columns as selected from the row `r`, as text, named as `readRow` reads them. */
  protected abstract readonly ownSelect: string;
  /** The order in which the views list rows in force, over the row `r`. */
  protected abstract readonly rowOrder: string;

  constructor(protected readonly dataSource: DataSource) {}

  /** A row in force from the common fields and the row's own selected columns. */
  protected abstract readRow(common: ReceivableRow, own: O): R;

  lock(
    tx: EntityManager,
    source: string,
    eventIds: readonly string[],
  ): Promise<Map<string, ReceivableLedgerEntry>> {
    return lockLedgerRows(tx, this.table, source, eventIds);
  }

  async insert(tx: EntityManager, source: string, events: readonly E[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const id = batchIds();
    const columns: LedgerColumn<E>[] = [
      { name: 'event_id', type: 'text', of: (e) => e.eventId },
      { name: 'account_id', type: 'uuid', of: (e) => e.accountId },
      { name: 'customer_id', type: 'uuid', of: (e) => e.customerId },
      { name: 'billing_account', type: 'text', of: (e) => e.billingAccount },
      ...this.ownColumns,
      { name: 'supersedes', type: 'text', of: (e) => e.supersedes },
    ];
    const names = columns.map((c) => c.name);
    const written: { event_id: string }[] = await tx.query(
      `INSERT INTO ${this.table} (id, source, ${names.join(', ')})
       SELECT e.id, $1, ${names.map((n) => `e.${n}`).join(', ')}
         FROM unnest($2::uuid[], ${columns.map((c, i) => `$${i + 3}::${c.type}[]`).join(', ')})
           AS e(id, ${names.join(', ')})
        ORDER BY e.event_id
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING event_id`,
      [source, events.map((_, i) => id(i)), ...columns.map((c) => events.map(c.of))],
    );
    return notWritten(events, written);
  }

  supersede(
    tx: EntityManager,
    source: string,
    supersessions: readonly Supersession[],
  ): Promise<ReplacedOriginal[]> {
    return supersedeLedgerRows(tx, this.table, this.monthOfRow, source, supersessions);
  }

  /** The rows in force of `accountIds`, in booking order. */
  async inForce(tx: EntityManager | undefined, accountIds: readonly string[]): Promise<R[]> {
    if (accountIds.length === 0) return [];
    return this.rows(tx, `r.account_id = ANY($1::uuid[])`, [accountIds]);
  }

  /** The rows in force matching `where` (over the row `r`), in the views' order. */
  protected async rows(tx: EntityManager | undefined, where: string, params: unknown[]): Promise<R[]> {
    const rows: (O & {
      event_id: string;
      account_id: string;
      customer_id: string;
      billing_account: string;
    })[] = await (tx ?? this.dataSource.manager).query(
      `SELECT r.event_id, r.account_id::text, r.customer_id::text, r.billing_account, ${this.ownSelect}
         FROM ${this.table} r
        WHERE ${where} AND r.superseded_by IS NULL
        ORDER BY ${this.rowOrder}`,
      params,
    );
    return rows.map((r) =>
      this.readRow(
        {
          eventId: r.event_id,
          accountId: r.account_id,
          customerId: r.customer_id,
          billingAccount: r.billing_account,
        },
        r,
      ),
    );
  }
}
