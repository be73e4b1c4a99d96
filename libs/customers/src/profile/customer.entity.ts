import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CustomerClass, CustomerGrade, CustomerStatus } from '../domain/customer-vocabulary';

/** An enterprise customer (客户档案) owned by this city node. */
@Entity('customer')
@Check('customer_status_check', `"status" IN ('prospect', 'active', 'suspended', 'churned')`)
@Check('customer_grade_check', `"grade" IN ('A', 'B', 'C')`)
@Index('customer_city_credit_code_key', ['cityCode', 'creditCode'], { unique: true })
@Index('customer_manager_staff_idx', ['managerStaffId'])
@Index('customer_manager_idx', ['managerId'])
@Index('customer_group_idx', ['groupCode'])
@Index('customer_created_at_idx', ['createdAt'])
export class CustomerEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The owning city node: always this node's code. */
  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  /** Unified social credit code (GB 32100). */
  @Column('text', { name: 'credit_code' })
  creditCode!: string;

  /** GB/T 4754 section letter. */
  @Column('text')
  industry!: string;

  @Column('text', { array: true, default: () => "'{}'" })
  classes!: CustomerClass[];

  @Column('text')
  grade!: CustomerGrade;

  @Column('text')
  status!: CustomerStatus;

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  @Column('text', { name: 'grid_code', nullable: true })
  gridCode!: string | null;

  @Column('varchar', { length: 300, nullable: true })
  address!: string | null;

  @Column('uuid', { name: 'manager_id', nullable: true })
  managerId!: string | null;

  /** Copied from the manager record so that portfolio filters are plain SQL on this table. */
  @Column('text', { name: 'manager_staff_id', nullable: true })
  managerStaffId!: string | null;

  @Column('text', { name: 'group_code', nullable: true })
  groupCode!: string | null;

  /** Incremented on every change; carried upward so receivers keep the latest state. */
  @Column('bigint', { default: 1 })
  version!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** Token subject of whoever created it. */
  @Column('text', { name: 'created_by' })
  createdBy!: string;
}
