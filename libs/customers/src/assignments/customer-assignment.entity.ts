import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One change of a customer's account manager. */
@Entity('customer_assignment')
@Index('customer_assignment_customer_idx', ['customerId', 'assignedAt'])
@Index('customer_assignment_transfer_idx', ['transferId'])
export class CustomerAssignmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('uuid', { name: 'from_manager_id', nullable: true })
  fromManagerId!: string | null;

  @Column('uuid', { name: 'to_manager_id', nullable: true })
  toManagerId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** Shared by every row of one portfolio transfer; null for a single reassignment. */
  @Column('uuid', { name: 'transfer_id', nullable: true })
  transferId!: string | null;

  @Column('text', { name: 'assigned_by' })
  assignedBy!: string;

  @Column('timestamptz', { name: 'assigned_at', default: () => 'now()' })
  assignedAt!: Date;
}
