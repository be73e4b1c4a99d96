import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One billing account's position at the end of one billing month (for the current month: as of
 * today): what is not yet due, what is overdue in age bands, and the credit no bill has taken yet.
 * Derived from the account's bills and payments in the booking transaction; the figures reported
 * upward are summed from these rows.
 */
@Entity('billing_arrears_month')
@Index('billing_arrears_month_customer_idx', ['customerId', 'billingMonth'])
@Index('billing_arrears_month_changed_idx', ['changedAt'])
export class ArrearsMonthEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  /** The account's holder in that month. */
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** The day the position is taken on: the month's last day, or today for the current month. */
  @Column('date', { name: 'as_of' })
  asOf!: string;

  @Column('bigint', { name: 'not_due_fen', default: 0 })
  notDueFen!: string;

  @Column('bigint', { name: 'up_to_30_fen', default: 0 })
  upTo30Fen!: string;

  @Column('bigint', { name: 'days_31_to_90_fen', default: 0 })
  days31To90Fen!: string;

  @Column('bigint', { name: 'over_90_fen', default: 0 })
  over90Fen!: string;

  @Column('bigint', { name: 'unallocated_fen', default: 0 })
  unallocatedFen!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
