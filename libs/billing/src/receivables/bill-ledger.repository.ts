import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Supersession } from '../domain/batch-plan';
import { batchIds } from '../ledger/ledger-rows';
import type { AllocatedBill } from './domain/allocation';
import type { BillEvent } from './domain/read-bill-event';
import {
  lockLedgerRows,
  notWritten,
  type ReceivableLedger,
  type ReceivableLedgerEntry,
  type ReplacedOriginal,
  supersedeLedgerRows,
} from './receivable-ledger';

/** A bill resolved to its account and holder, ready to book. */
export type ResolvedBill = BillEvent & { accountId: string; customerId: string };

/** A bill in force as the views show it. */
export interface BillRow extends AllocatedBill {
  accountId: string;
  customerId: string;
  billingAccount: string;
}

/** The first month whose rows a row can change: a bill's month. */
const MONTH_OF_ROW = `t.billing_month`;

/** Every statement on `billing_bill`, set-based. */
@Injectable()
export class BillLedgerRepository implements ReceivableLedger<ResolvedBill> {
  constructor(private readonly dataSource: DataSource) {}

  lock(
    tx: EntityManager,
    source: string,
    eventIds: readonly string[],
  ): Promise<Map<string, ReceivableLedgerEntry>> {
    return lockLedgerRows(tx, 'billing_bill', source, eventIds);
  }

  async insert(tx: EntityManager, source: string, events: readonly ResolvedBill[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const id = batchIds();
    const written: { event_id: string }[] = await tx.query(
      `INSERT INTO billing_bill
         (id, source, event_id, account_id, customer_id, billing_account, billing_month, amount_due_fen,
          due_date, issued_at, supersedes)
       SELECT e.id, $1, e.event_id, e.account_id, e.customer_id, e.billing_account, e.billing_month,
              e.amount_due_fen, e.due_date, e.issued_at, e.supersedes
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::bigint[],
                     $9::date[], $10::timestamptz[], $11::text[])
           AS e(id, event_id, account_id, customer_id, billing_account, billing_month, amount_due_fen,
                due_date, issued_at, supersedes)
        ORDER BY e.event_id
       ON CONFLICT (source, event_id) DO NOTHING
       RETURNING event_id`,
      [
        source,
        events.map((_, i) => id(i)),
        events.map((e) => e.eventId),
        events.map((e) => e.accountId),
        events.map((e) => e.customerId),
        events.map((e) => e.billingAccount),
        events.map((e) => e.billingMonth),
        events.map((e) => e.amountDueFen.toString()),
        events.map((e) => e.dueDate),
        events.map((e) => e.issuedAt),
        events.map((e) => e.supersedes),
      ],
    );
    return notWritten(events, written);
  }

  supersede(
    tx: EntityManager,
    source: string,
    supersessions: readonly Supersession[],
  ): Promise<ReplacedOriginal[]> {
    return supersedeLedgerRows(tx, 'billing_bill', MONTH_OF_ROW, source, supersessions);
  }

  /** The bills in force of `accountIds`, in booking order. */
  async inForce(tx: EntityManager | undefined, accountIds: readonly string[]): Promise<BillRow[]> {
    if (accountIds.length === 0) return [];
    return this.rows(tx, `b.account_id = ANY($1::uuid[])`, [accountIds]);
  }

  /** A customer's bills in force, of one month or all, oldest month first. */
  async forCustomer(customerId: string, month?: string): Promise<BillRow[]> {
    return month === undefined
      ? this.rows(undefined, `b.customer_id = $1`, [customerId])
      : this.rows(undefined, `b.customer_id = $1 AND b.billing_month = $2`, [customerId, month]);
  }

  private async rows(tx: EntityManager | undefined, where: string, params: unknown[]): Promise<BillRow[]> {
    const rows: {
      event_id: string;
      account_id: string;
      customer_id: string;
      billing_account: string;
      billing_month: string;
      amount_due_fen: string;
      due_date: string;
    }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT b.event_id, b.account_id::text, b.customer_id::text, b.billing_account, b.billing_month,
              b.amount_due_fen::text, to_char(b.due_date, 'YYYY-MM-DD') AS due_date
         FROM billing_bill b
        WHERE ${where} AND b.superseded_by IS NULL
        ORDER BY b.billing_month, b.due_date, b.id`,
      params,
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      accountId: r.account_id,
      customerId: r.customer_id,
      billingAccount: r.billing_account,
      billingMonth: r.billing_month,
      amountDueFen: BigInt(r.amount_due_fen),
      dueDate: r.due_date,
    }));
  }
}
