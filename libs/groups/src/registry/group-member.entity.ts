import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The national view of one city customer that belongs (or belonged) to a group, from the city's
 * CustomerSnapshot: business fields only. A customer who left its group keeps its row with a null
 * group, so that its version still turns away an older snapshot that would re-add it.
 */
@Entity({ name: 'group_member' })
@Index('group_member_group_idx', ['groupCode', 'provinceCode', 'cityCode'])
export class GroupMemberEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text', { name: 'group_code', nullable: true })
  groupCode!: string | null;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'credit_code' })
  creditCode!: string;

  @Column('text')
  industry!: string;

  @Column('text')
  grade!: string;

  @Column('text')
  status!: string;

  @Column('text', { array: true })
  classes!: string[];

  /** The city's per-customer version; the highest wins. */
  @Column('bigint')
  version!: string;

  /** When the city last changed the customer. */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
