import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ArrearsFigureColumns } from './arrears-figure-columns';

/**
 * A province's copy of one city's arrears cell (customer × month, summed over the customer's
 * billing accounts), as last reported: the highest version received wins.
 */
@Entity('city_customer_arrears')
@Index('city_customer_arrears_city_month_idx', ['cityCode', 'billingMonth'])
export class CityCustomerArrearsEntity extends ArrearsFigureColumns {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  /** Billing accounts with a position in the month (0: the customer has none there any more). */
  @Column('int')
  accounts!: number;

  @Column('bigint')
  version!: string;

  /** When the city last changed the cell (the city's clock). */
  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
