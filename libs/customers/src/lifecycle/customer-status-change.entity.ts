import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CustomerStatus } from '../domain/customer-vocabulary';

/** One lifecycle move of a customer. */
@Entity('customer_status_change')
@Index('customer_status_change_customer_idx', ['customerId', 'changedAt'])
export class CustomerStatusChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** Null for the creation of the customer. */
  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: CustomerStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: CustomerStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text', { name: 'changed_by' })
  changedBy!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
