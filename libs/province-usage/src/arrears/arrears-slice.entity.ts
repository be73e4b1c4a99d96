import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ArrearsFigureColumns } from './arrears-figure-columns';

/**
 * The arrears lines of one city and billing month, as a unit: the version that produced them and
 * their totals (for reconciliation). At a province, the slice it derived; at the national node,
 * the slice last received.
 */
@Entity('arrears_slice')
@Index('arrears_slice_month_idx', ['billingMonth'])
export class ArrearsSliceEntity extends ArrearsFigureColumns {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint')
  version!: string;

  @Column('bigint')
  accounts!: string;

  /** Customers with a position in the month. */
  @Column('int')
  customers!: number;

  /** The newest city change the slice includes (the city's clock). */
  @Column('timestamptz', { name: 'newest_change_at', nullable: true })
  newestChangeAt!: Date | null;

  /** When a slice of this city and month was first reported. */
  @Column('timestamptz', { name: 'first_reported_at' })
  firstReportedAt!: Date;

  /** When this version was computed (province) or received (national). */
  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;
}
