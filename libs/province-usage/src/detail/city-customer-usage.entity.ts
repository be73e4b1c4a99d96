import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A province's copy of one city's monthly usage cell (customer × product × month), as last
 * reported: the highest version received wins.
 */
@Entity('city_customer_usage')
@Index('city_customer_usage_city_month_idx', ['cityCode', 'billingMonth'])
export class CityCustomerUsageEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @PrimaryColumn('text')
  product!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  @Column('numeric')
  quantity!: string;

  @Column('int', { name: 'event_count' })
  eventCount!: number;

  @Column('bigint')
  version!: string;

  /** When the city last changed the cell (the city's clock). */
  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
