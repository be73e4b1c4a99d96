import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A billing system's account (帐户) held by a customer of this city. `source` names the billing
 * system (the same string as its token's subject and the CloudEvents `source`).
 */
@Entity('billing_account')
@Index('billing_account_source_number_key', ['source', 'accountNumber'], { unique: true })
@Index('billing_account_customer_idx', ['customerId'])
@Check('billing_account_closed_after_opened', `"closed_on" IS NULL OR "closed_on" >= "opened_on"`)
export class BillingAccountEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  /** The holder of the latest holder row (owned by the customers capability; no foreign key). */
  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  source!: string;

  @Column('varchar', { name: 'account_number', length: 64 })
  accountNumber!: string;

  /** YYYY-MM-DD. */
  @Column('date', { name: 'opened_on' })
  openedOn!: string;

  /** YYYY-MM-DD; null while open. */
  @Column('date', { name: 'closed_on', nullable: true })
  closedOn!: string | null;

  /** 统付: the account number (same source) of the group account that pays this one. */
  @Column('varchar', { name: 'paid_by_account', length: 64, nullable: true })
  paidByAccount!: string | null;

  /** 1 at creation, + 1 on every change; the snapshots upward carry it. */
  @Column('int')
  version!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
