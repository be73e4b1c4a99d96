import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who holds an account from a billing month on: the holder of month M is the row with the
 * greatest `fromMonth` <= M. The first row starts at the month the account was opened.
 */
@Entity('billing_account_holder')
@Index('billing_account_holder_customer_idx', ['customerId'])
export class BillingAccountHolderEntity {
  @PrimaryColumn('uuid', { name: 'account_id' })
  accountId!: string;

  /** YYYY-MM. */
  @PrimaryColumn('char', { name: 'from_month', length: 7 })
  fromMonth!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;
}
