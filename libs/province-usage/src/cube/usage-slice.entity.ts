import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The cube's cells of one city and billing month, as a unit: the version that produced them,
 * their totals (for reconciliation) and when they were reported (for completeness and
 * freshness). At a province, the slice the province computed; at the national node, the slice
 * last received.
 */
@Entity('usage_slice')
@Index('usage_slice_month_idx', ['billingMonth'])
export class UsageSliceEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint')
  version!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;

  /** Customers with usage in the month (the all-products line). */
  @Column('int')
  customers!: number;

  /** The newest city change the slice includes (the city's clock). */
  @Column('timestamptz', { name: 'newest_change_at', nullable: true })
  newestChangeAt!: Date | null;

  /** When a slice of this city and month was first reported (completeness: on time or late). */
  @Column('timestamptz', { name: 'first_reported_at' })
  firstReportedAt!: Date;

  /** When this version was computed (province) or received (national). */
  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;
}
