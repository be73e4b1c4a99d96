import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One cell of the usage cube: the customers of one city and billing month that share industry,
 * value class, grade and product. Province nodes hold the cells of their own cities (computed
 * from the cities' detail); the national node holds every province's (as reported). `product`
 * "*" is the all-products line: customer counts are not additive over products.
 */
@Entity('usage_rollup_cell')
@Index('usage_rollup_cell_province_month_idx', ['provinceCode', 'billingMonth'])
// (product, billing_month) INCLUDE (...) for month-range reads of one product line; TypeORM
// cannot express INCLUDE, so the migration creates it and the schema sync leaves it alone.
@Index('usage_rollup_cell_product_month_idx', { synchronize: false })
export class UsageRollupCellEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text')
  industry!: string;

  @PrimaryColumn('text', { name: 'value_class' })
  valueClass!: string;

  @PrimaryColumn('text')
  grade!: string;

  @PrimaryColumn('text')
  product!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  @Column('int')
  customers!: number;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;
}
