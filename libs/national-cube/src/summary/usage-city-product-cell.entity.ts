import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The usage cube summed over industry, value class and grade: one row per city, month and
 * product line ("*" included). National analytics read it for every query that groups and
 * filters by province, city, month and product only (a few percent of the city cells).
 * Maintained by `CubeSummaries.refreshSlice` in the transaction that applies a slice.
 */
@Entity('usage_city_product_cell')
// Queries select one product line ("*" or named products) over a range of months.
@Index('usage_city_product_cell_product_month_idx', ['product', 'billingMonth', 'cityCode'])
export class UsageCityProductCellEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text')
  product!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  /** Customers with usage: additive over industry, value class and grade within a product line. */
  @Column('bigint')
  customers!: string;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;
}
