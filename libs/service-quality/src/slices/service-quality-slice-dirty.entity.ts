import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Province: a city-month received and not yet reported to CN (the slices' dirty list, ADR 0037). */
@Entity('service_quality_slice_dirty')
export class ServiceQualitySliceDirtyEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('timestamptz', { name: 'dirty_since', default: () => 'now()' })
  dirtySince!: Date;
}
