import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An SLA breach raised to the coordinator: one per segment attempt (the unique key is what makes
 * a timer that fires twice, or a reconciler racing it, raise it once).
 */
@Entity('circuit_escalation')
@Index('circuit_escalation_segment_attempt_key', ['segmentId', 'attempt'], { unique: true })
@Index('circuit_escalation_order_idx', ['orderId'])
export class CircuitEscalationEntity {
  /** `escalation_id` of CircuitSlaBreached. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'segment_id' })
  segmentId!: string;

  @Column('integer')
  attempt!: number;

  @Column('text')
  role!: string;

  @Column('text', { name: 'node_code' })
  nodeCode!: string;

  @Column('text')
  coordinator!: string;

  /** The segment's state when the breach was found. */
  @Column('text', { name: 'segment_state' })
  segmentState!: string;

  @Column('timestamptz')
  deadline!: Date;

  @Column('timestamptz', { name: 'breached_at' })
  breachedAt!: Date;
}
