import { Check, Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SegmentRole } from '../domain/segment-roles';
import type { SegmentState } from '../domain/segment-states';
import { bigintColumn } from '../bigint-column';

/**
 * One segment of a circuit order as the home city sees it: the current attempt's state as its
 * node last reported it (highest version), its SLA deadline and its results.
 */
@Entity('circuit_segment')
@Index('circuit_segment_order_role_key', ['orderId', 'role'], { unique: true })
@Index('circuit_segment_open_deadline_idx', ['deadline'], {
  where: `state IN ('dispatched', 'acknowledged', 'accepted', 'inProgress', 'pending')`,
})
@Check(
  'circuit_segment_state_chk',
  `state IN ('dispatched', 'acknowledged', 'accepted', 'rejected', 'inProgress', 'pending', 'done', 'failed', 'cancelling', 'cancelled')`,
)
@Check('circuit_segment_role_chk', `role IN ('a_end', 'z_end', 'transit')`)
@Check('circuit_segment_attempt_chk', `attempt >= 1`)
export class CircuitSegmentEntity {
  /** Stable across attempts. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  role!: SegmentRole;

  @Column('text', { name: 'node_code' })
  nodeCode!: string;

  /** Current attempt: 1, raised by every re-dispatch. */
  @Column('integer')
  attempt!: number;

  @Column('text')
  state!: SegmentState;

  /** Highest work-order version applied for the current attempt (0: none yet). */
  @Column('bigint', { name: 'status_version', transformer: bigintColumn })
  statusVersion!: bigint;

  @Column('uuid', { name: 'work_order_id', nullable: true })
  workOrderId!: string | null;

  /** The node's first status for this attempt was a refusal (not the right node, unknown product). */
  @Column('boolean', { name: 'refused_on_receipt' })
  refusedOnReceipt!: boolean;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('date', { name: 'expected_completion_date', nullable: true })
  expectedCompletionDate!: string | null;

  @Column('text', { name: 'circuit_id', nullable: true })
  circuitId!: string | null;

  @Column('text', { nullable: true })
  handover!: string | null;

  /** SLA deadline of the current attempt; moves on by the time the order was held. */
  @Column('timestamptz')
  deadline!: Date;

  @Column('timestamptz', { name: 'dispatched_at' })
  dispatchedAt!: Date;

  /** When this node received the attempt's first status other than a refusal. */
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
