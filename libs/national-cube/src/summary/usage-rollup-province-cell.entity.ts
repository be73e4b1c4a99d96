import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The usage cube summed over the cities of a province: what national analytics read when no
 * city is grouped or filtered (a tenth of the rows or fewer). Maintained with the cells of
 * `usage_rollup_cell` by `CubeSummaries.refreshSlice` in the transaction that applies a slice.
 */
@Entity('usage_rollup_province_cell')
// Queries select one product line ("*" or named products) over a range of months.
@Index('usage_rollup_province_cell_product_month_idx', ['product', 'billingMonth', 'provinceCode'])
export class UsageRollupProvinceCellEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'province_code' })
  provinceCode!: string;

  @PrimaryColumn('text')
  industry!: string;

  @PrimaryColumn('text', { name: 'value_class' })
  valueClass!: string;

  @PrimaryColumn('text')
  grade!: string;

  @PrimaryColumn('text')
  product!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  /** Customer-months: the sum over the province's cities (customers belong to one city). */
  @Column('bigint')
  customers!: string;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;
}
