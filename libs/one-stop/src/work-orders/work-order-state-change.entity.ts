import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { WorkOrderState } from '../domain/work-order-states';
import { WorkOrderEntity } from './work-order.entity';

/** One state change of a work order, the first (from nothing) included. */
@Entity('one_stop_work_order_state_change')
@Index('one_stop_work_order_state_change_order_idx', ['workOrderId', 'changedAt'])
export class WorkOrderStateChangeEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'work_order_id' })
  workOrderId!: string;

  @ManyToOne(() => WorkOrderEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'work_order_id',
    foreignKeyConstraintName: 'one_stop_work_order_state_change_order_fk',
  })
  workOrder?: WorkOrderEntity;

  /** Null for the state the work order was born in. */
  @Column('text', { name: 'from_state', nullable: true })
  fromState!: WorkOrderState | null;

  @Column('text', { name: 'to_state' })
  toState!: WorkOrderState;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** Staff id of the person who made the change, or `system` for a change made by a message. */
  @Column('text')
  actor!: string;

  /** Version of the work order after the change. */
  @Column('bigint')
  version!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
