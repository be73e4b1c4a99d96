import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A city and billing month whose arrears slice must be derived again at the province: its detail
 * changed, or a customer in it changed industry or grade (see `SliceDirtyList`).
 */
@Entity('arrears_slice_dirty')
export class ArrearsSliceDirtyEntity {
  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  /** The first change not yet in a slice: the debounce measures from here. */
  @Column('timestamptz', { name: 'dirty_since', default: () => 'now()' })
  dirtySince!: Date;
}
