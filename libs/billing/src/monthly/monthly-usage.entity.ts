import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A customer's usage of one product in one billing month: the sum of the ledger events in force.
 * `version` grows with every change, so reports built from a cell can be ordered last-wins.
 */
@Entity('billing_monthly_usage')
// Cells changed since they were last reported to the province: the reporter's work list, kept
// small by the predicate, so finding it costs nothing however large the ledger grows.
@Index('billing_monthly_usage_unreported_idx', ['billingMonth', 'customerId', 'product'], {
  where: 'version > reported_version',
})
export class MonthlyUsageEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @PrimaryColumn('text')
  product!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('bigint', { name: 'revenue_fen', default: 0 })
  revenueFen!: string;

  @Column('numeric', { default: 0 })
  quantity!: string;

  @Column('int', { name: 'event_count', default: 0 })
  eventCount!: number;

  @Column('bigint', { default: 1 })
  version!: string;

  /** The version last written to the outbox for the province; behind `version` while unreported. */
  @Column('bigint', { name: 'reported_version', default: 0 })
  reportedVersion!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
