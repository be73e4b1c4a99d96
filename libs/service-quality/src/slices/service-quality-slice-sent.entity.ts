import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Province: the version at which a city-month was last reported to CN. The province's own, from
 * `nextVersion`, so that a resync from CN re-sends at a version CN takes.
 */
@Entity('service_quality_slice_sent')
export class ServiceQualitySliceSentEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('bigint')
  version!: string;

  @Column('timestamptz', { name: 'reported_at', default: () => 'now()' })
  reportedAt!: Date;
}
