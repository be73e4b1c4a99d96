import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The usage of a national group's member customers in one city and billing month. */
@Entity('group_usage_cell')
@Index('group_usage_cell_group_month_idx', ['groupCode', 'billingMonth'])
export class GroupUsageCellEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  @PrimaryColumn('text', { name: 'city_code' })
  cityCode!: string;

  @PrimaryColumn('text', { name: 'group_code' })
  groupCode!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('bigint', { name: 'revenue_fen' })
  revenueFen!: string;

  @Column('int')
  customers!: number;

  @Column('bigint', { name: 'event_count' })
  eventCount!: string;
}
