import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AllocatedPayment } from './domain/allocation';
import type { PaymentEvent } from './domain/read-payment-event';
import { type LedgerColumn, type ReceivableRow, ReceivableLedgerTable } from './receivable-ledger';

/** A payment resolved to its account and holder, ready to book. */
export type ResolvedPayment = PaymentEvent & { accountId: string; customerId: string };

/** A payment in force as the views show it. */
export interface PaymentRow extends AllocatedPayment {
  accountId: string;
  customerId: string;
  billingAccount: string;
}

/** A payment row's own columns as `ownSelect` reads them. */
type OwnPaymentColumns = { amount_fen: string; paid_on: string; billing_month: string | null };

/** Every statement on `billing_payment`, set-based. */
@Injectable()
export class PaymentLedgerRepository extends ReceivableLedgerTable<
  ResolvedPayment,
  PaymentRow,
  OwnPaymentColumns
> {
  protected readonly table = 'billing_payment';
  /** A payment can change the rows from the month it was made in on. */
  protected readonly monthOfRow = `to_char(t.paid_on, 'YYYY-MM')`;
  protected readonly ownColumns: readonly LedgerColumn<ResolvedPayment>[] = [
    { name: 'amount_fen', type: 'bigint', of: (e) => e.amountFen.toString() },
    { name: 'paid_on', type: 'date', of: (e) => e.paidOn },
    { name: 'billing_month', type: 'text', of: (e) => e.billingMonth },
  ];
  protected readonly ownSelect = `r.amount_fen::text, to_char(r.paid_on, 'YYYY-MM-DD') AS paid_on, r.billing_month`;
  protected readonly rowOrder = `r.id`;

  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  /** A customer's payments in force, latest first. */
  async forCustomer(customerId: string): Promise<PaymentRow[]> {
    return this.rows(undefined, `r.customer_id = $1`, [customerId]);
  }

  protected readRow(common: ReceivableRow, r: OwnPaymentColumns): PaymentRow {
    return {
      ...common,
      amountFen: BigInt(r.amount_fen),
      paidOn: r.paid_on,
      billingMonth: r.billing_month,
    };
  }
}
