import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A city's service quality of one month as a parent keeps it: at a province the city's cell (its
 * version), at CN the province's slice (the province's version). Replaced whole, lines and all,
 * when a higher version arrives. Defined once, held at both tiers.
 */
@Entity('service_quality_slice')
@Index('service_quality_slice_province_idx', ['provinceCode', 'billingMonth'])
export class ServiceQualitySliceEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint')
  version!: string;

  /** The city's customers in status active (the base of complaints per 100 customers). */
  @Column('integer', { name: 'active_customers' })
  activeCustomers!: number;

  /** When the reporting child computed it. */
  @Column('timestamptz', { name: 'computed_at', nullable: true })
  computedAt!: Date | null;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
