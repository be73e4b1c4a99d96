import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The province's read-only copy of a customer of one of its cities, as last reported: the
 * highest version received wins. Property names match `CustomerEntity` so list filters are shared.
 */
@Entity('reported_customer')
@Index('reported_customer_city_idx', ['cityCode'])
@Index('reported_customer_city_credit_code_idx', ['cityCode', 'creditCode'])
export class ReportedCustomerEntity {
  /** The customer's id at its city. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('bigint')
  version!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('text', { name: 'credit_code' })
  creditCode!: string;

  @Column('text')
  industry!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  classes!: string[];

  @Column('text')
  grade!: string;

  @Column('text')
  status!: string;

  @Column('uuid', { name: 'manager_id', nullable: true })
  managerId!: string | null;

  /** Staff id of the manager: portfolio reach filters on it, as at the city. */
  @Column('text', { name: 'manager_staff_id', nullable: true })
  managerStaffId!: string | null;

  @Column('text', { name: 'group_code', nullable: true })
  groupCode!: string | null;

  @Column('text', { name: 'grid_code', nullable: true })
  gridCode!: string | null;

  /** When the city last changed it (the city's clock). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** When this node received that version. */
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
