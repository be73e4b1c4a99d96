import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const VISIT_CHANNELS = ['onsite', 'phone', 'video'] as const;
export type VisitChannel = (typeof VISIT_CHANNELS)[number];

/** One contact an account manager had with a customer (走访). Visits are a log: never edited. */
@Entity('customer_visit')
@Check('customer_visit_channel_chk', `channel IN ('onsite', 'phone', 'video')`)
@Index('customer_visit_customer_idx', ['customerId', 'visitedAt'])
@Index('customer_visit_manager_idx', ['managerId', 'visitedAt'])
export class CustomerVisitEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('uuid', { name: 'manager_id' })
  managerId!: string;

  @Column('text', { name: 'manager_staff_id' })
  managerStaffId!: string;

  @Column('timestamptz', { name: 'visited_at' })
  visitedAt!: Date;

  @Column('text')
  channel!: VisitChannel;

  @Column('varchar', { length: 2000 })
  summary!: string;

  @Column('varchar', { length: 500, nullable: true })
  outcome!: string | null;

  /** Token subject of whoever recorded it. */
  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
