import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_SOURCES = ['manual', 'visit', 'renewal-reminder', 'return-visit', 'sla-warning'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/**
 * Something staff have to do by a date: by hand, after a visit, before a renewal, a ticket's
 * return visit, or an SLA warning. Account managers own most; service-desk staff, who have no
 * account-manager record, own tasks by their staff id alone.
 */
@Entity('follow_up_task')
@Check('follow_up_task_status_chk', `status IN ('open', 'done', 'cancelled')`)
@Check(
  'follow_up_task_source_chk',
  `source IN ('manual', 'visit', 'renewal-reminder', 'return-visit', 'sla-warning')`,
)
@Index('follow_up_task_assignee_idx', ['assigneeStaffId', 'status', 'dueAt'])
@Index('follow_up_task_due_idx', ['status', 'dueAt'])
@Index('follow_up_task_customer_idx', ['customerId'])
export class FollowUpTaskEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId!: string | null;

  /** The account manager's record, when the owner is one; null for other staff. */
  @Column('uuid', { name: 'assignee_manager_id', nullable: true })
  assigneeManagerId!: string | null;

  /** The owner; denormalised for managers so that their task list is one indexed lookup. */
  @Column('text', { name: 'assignee_staff_id' })
  assigneeStaffId!: string;

  @Column('varchar', { length: 200 })
  title!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('text', { default: 'open' })
  status!: TaskStatus;

  @Column('text')
  source!: TaskSource;

  /** Idempotency key of generated tasks, e.g. `renewal:<agreementId>:<endDate>`. */
  @Index('follow_up_task_source_key_uq', { unique: true })
  @Column('text', { name: 'source_key', nullable: true })
  sourceKey!: string | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
