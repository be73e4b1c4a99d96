import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One payment as a billing system received it (缴费): the ledger of payments. Rows are never
 * deleted; a correction adds a row and marks the original superseded. What it settled is derived.
 */
@Entity('billing_payment')
@Unique('billing_payment_source_event_uq', ['source', 'eventId'])
@Check('billing_payment_month_chk', `billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Index('billing_payment_account_idx', ['accountId'])
@Index('billing_payment_customer_idx', ['customerId', 'paidOn'])
export class PaymentEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'billing_payment_pk' })
  id!: string;

  @Column('text')
  source!: string;

  @Column('varchar', { name: 'event_id', length: 128 })
  eventId!: string;

  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** The account's holder when it was paid. */
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('varchar', { name: 'billing_account', length: 64 })
  billingAccount!: string;

  /** Negative only on a correction (a reversed payment). */
  @Column('bigint', { name: 'amount_fen' })
  amountFen!: string;

  @Column('date', { name: 'paid_on' })
  paidOn!: string;

  /** The month of the bill it settles; null: unallocated. */
  @Column('text', { name: 'billing_month', nullable: true })
  billingMonth!: string | null;

  @Column('varchar', { length: 128, nullable: true })
  supersedes!: string | null;

  @Column('varchar', { name: 'superseded_by', length: 128, nullable: true })
  supersededBy!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
