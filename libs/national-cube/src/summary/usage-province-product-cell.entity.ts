import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The usage cube summed over cities, industry, value class and grade: one row per province,
 * month and product line ("*" included), a few thousand rows for years of the whole country.
 * National trend queries (by province, month, product) read it. Maintained by
 * `CubeSummaries.refreshSlice` in the transaction that applies a slice.
 */
@Entity('usage_province_product_cell')
export class UsageProvinceProductCellEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'province_code' })
  provinceCode!: string;

  @PrimaryColumn('text')
  product!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  /** Customers with usage: additive over cities, industry, value class and grade within a product line. */
  @Column('bigint')
  customers!: string;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;
}
