import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Supersession } from '../domain/batch-plan';
import { batchIds } from '../ledger/ledger-rows';
import type { AllocatedPayment } from './domain/allocation';
import type { PaymentEvent } from './domain/read-payment-event';
import {
  lockLedgerRows,
  notWritten,
  type ReceivableLedger,
  type ReceivableLedgerEntry,
  type ReplacedOriginal,
  supersedeLedgerRows,
} from './receivable-ledger';

/** A payment resolved to its account and holder, ready to book. */
export type ResolvedPayment = PaymentEvent & { accountId: string; customerId: string };

/** A payment in force as the views show it. */
export interface PaymentRow extends AllocatedPayment {
  accountId: string;
  customerId: string;
  billingAccount: string;
}

/** The first month whose rows a row can change: the month a payment was made in. */
const MONTH_OF_ROW = `to_char(t.paid_on, 'YYYY-MM')`;

/** Every statement on `billing_payment`, set-based. */
@Injectable()
export class PaymentLedgerRepository implements ReceivableLedger<ResolvedPayment> {
  constructor(private readonly dataSource: DataSource) {}

  lock(
    tx: EntityManager,
    source: string,
    eventIds: readonly string[],
  ): Promise<Map<string, ReceivableLedgerEntry>> {
    return lockLedgerRows(tx, 'billing_payment', source, eventIds);
  }

  async insert(tx: EntityManager, source: string, events: readonly ResolvedPayment[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const id = batchIds();
    const written: { event_id: string }[] = await tx.query(
      `INSERT INTO billing_payment
         (id, source, event_id, account_id, customer_id, billing_account, amount_fen, paid_on, billing_month,
          supersedes)
       SELECT e.id, $1, e.event_id, e.account_id, e.customer_id, e.billing_account, e.amount_fen, e.paid_on,
              e.billing_month, e.supersedes
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::date[],
                     $9::text[], $10::text[])
           AS e(id, event_id, account_id, customer_id, billing_account, amount_fen, paid_on, billing_month,
                supersedes)
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
        events.map((e) => e.amountFen.toString()),
        events.map((e) => e.paidOn),
        events.map((e) => e.billingMonth),
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
    return supersedeLedgerRows(tx, 'billing_payment', MONTH_OF_ROW, source, supersessions);
  }

  /** The payments in force of `accountIds`, in booking order. */
  async inForce(tx: EntityManager | undefined, accountIds: readonly string[]): Promise<PaymentRow[]> {
    if (accountIds.length === 0) return [];
    return this.rows(tx, `p.account_id = ANY($1::uuid[])`, [accountIds]);
  }

  /** A customer's payments in force, latest first. */
  async forCustomer(customerId: string): Promise<PaymentRow[]> {
    return this.rows(undefined, `p.customer_id = $1`, [customerId]);
  }

  private async rows(tx: EntityManager | undefined, where: string, params: unknown[]): Promise<PaymentRow[]> {
    const rows: {
      event_id: string;
      account_id: string;
      customer_id: string;
      billing_account: string;
      amount_fen: string;
      paid_on: string;
      billing_month: string | null;
    }[] = await (tx ?? this.dataSource.manager).query(
      `SELECT p.event_id, p.account_id::text, p.customer_id::text, p.billing_account, p.amount_fen::text,
              to_char(p.paid_on, 'YYYY-MM-DD') AS paid_on, p.billing_month
         FROM billing_payment p
        WHERE ${where} AND p.superseded_by IS NULL
        ORDER BY p.id`,
      params,
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      accountId: r.account_id,
      customerId: r.customer_id,
      billingAccount: r.billing_account,
      amountFen: BigInt(r.amount_fen),
      paidOn: r.paid_on,
      billingMonth: r.billing_month,
    }));
  }
}
