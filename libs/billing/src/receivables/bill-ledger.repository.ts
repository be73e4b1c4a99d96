import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AllocatedBill } from './domain/allocation';
import type { BillEvent } from './domain/read-bill-event';
import { type LedgerColumn, type ReceivableRow, ReceivableLedgerTable } from './receivable-ledger';

/** A bill resolved to its account and holder, ready to book. */
export type ResolvedBill = BillEvent & { accountId: string; customerId: string };

/** A bill in force as the views show it. */
export interface BillRow extends AllocatedBill {
  accountId: string;
  customerId: string;
  billingAccount: string;
}

/** A bill row's own columns as `ownSelect` reads them. */
type OwnBillColumns = { billing_month: string; amount_due_fen: string; due_date: string };

/** Every statement on `billing_bill`, set-based. */
@Injectable()
export class BillLedgerRepository extends ReceivableLedgerTable<ResolvedBill, BillRow, OwnBillColumns> {
  protected readonly table = 'billing_bill';
  /** A bill can change the rows from its own month on. */
  protected readonly monthOfRow = `t.billing_month`;
  protected readonly ownColumns: readonly LedgerColumn<ResolvedBill>[] = [
    { name: 'billing_month', type: 'text', of: (e) => e.billingMonth },
    { name: 'amount_due_fen', type: 'bigint', of: (e) => e.amountDueFen.toString() },
    { name: 'due_date', type: 'date', of: (e) => e.dueDate },
    { name: 'issued_at', type: 'timestamptz', of: (e) => e.issuedAt },
  ];
  protected readonly ownSelect = `r.billing_month, r.amount_due_fen::text, to_char(r.due_date, 'YYYY-MM-DD') AS due_date`;
  protected readonly rowOrder = `r.billing_month, r.due_date, r.id`;

  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  /** A customer's bills in force, of one month or all, oldest month first. */
  async forCustomer(customerId: string, month?: string): Promise<BillRow[]> {
    return month === undefined
      ? this.rows(undefined, `r.customer_id = $1`, [customerId])
      : this.rows(undefined, `r.customer_id = $1 AND r.billing_month = $2`, [customerId, month]);
  }

  protected readRow(common: ReceivableRow, r: OwnBillColumns): BillRow {
    return {
      ...common,
      billingMonth: r.billing_month,
      amountDueFen: BigInt(r.amount_due_fen),
      dueDate: r.due_date,
    };
  }
}
