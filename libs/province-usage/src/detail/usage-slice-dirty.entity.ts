import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A city and billing month whose cube slice must be computed again at the province: its detail
 * changed, or a customer with usage in it changed industry, grade or group. Written in the
 * transaction of the change; cleared by the slice builder in the transaction that rebuilds it.
 */
@Entity('usage_slice_dirty')
export class UsageSliceDirtyEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  /** The first change not yet in a slice: the debounce measures from here. */
  @Column('timestamptz', { name: 'dirty_since', default: () => 'now()' })
  dirtySince!: Date;
}
