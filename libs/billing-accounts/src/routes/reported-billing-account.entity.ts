import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The province's copy of a billing account of one of its cities, as last reported (the highest
 * version wins). One account number may appear in two cities: closed in one, opened in the other.
 */
@Entity('reported_billing_account')
@Index('reported_billing_account_number_idx', ['source', 'accountNumber'])
@Index('reported_billing_account_city_idx', ['cityCode'])
export class ReportedBillingAccountEntity {
  /** The account's id at its city. */
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('int')
  version!: number;

  @Column('text')
  source!: string;

  @Column('varchar', { name: 'account_number', length: 64 })
  accountNumber!: string;

  @Column('date', { name: 'opened_on' })
  openedOn!: string;

  @Column('date', { name: 'closed_on', nullable: true })
  closedOn!: string | null;

  @Column('varchar', { name: 'paid_by_account', length: 64, nullable: true })
  paidByAccount!: string | null;

  /** `[{ fromMonth, customerId }]`, oldest first. */
  @Column('jsonb')
  holders!: { fromMonth: string; customerId: string }[];

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
