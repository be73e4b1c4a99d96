import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One bill as a billing system issued it (帐单): the ledger of bills. Rows are never deleted; a
 * correction adds a row and marks the original superseded. What is paid of it is derived.
 */
@Entity('billing_bill')
@Unique('billing_bill_source_event_uq', ['source', 'eventId'])
@Check('billing_bill_month_chk', `billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Index('billing_bill_account_idx', ['accountId'])
@Index('billing_bill_customer_idx', ['customerId', 'billingMonth'])
export class BillEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'billing_bill_pk' })
  id!: string;

  /** The sending billing system: the token subject, never the request body. */
  @Column('text')
  source!: string;

  @Column('varchar', { name: 'event_id', length: 128 })
  eventId!: string;

  /** The billing account (resolved from the source's account number before booking). */
  @Column('uuid', { name: 'account_id' })
  accountId!: string;

  /** The account's holder in the bill's month. */
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** The billing system's account number, as sent. */
  @Column('varchar', { name: 'billing_account', length: 64 })
  billingAccount!: string;

  @Column('text', { name: 'billing_month' })
  billingMonth!: string;

  /** Negative only on a correction (a credit note). */
  @Column('bigint', { name: 'amount_due_fen' })
  amountDueFen!: string;

  @Column('date', { name: 'due_date' })
  dueDate!: string;

  @Column('timestamptz', { name: 'issued_at', nullable: true })
  issuedAt!: Date | null;

  /** Event id (same source) of the bill this one replaces. */
  @Column('varchar', { length: 128, nullable: true })
  supersedes!: string | null;

  /** Event id (same source) of the correction that replaced this bill. */
  @Column('varchar', { name: 'superseded_by', length: 128, nullable: true })
  supersededBy!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
