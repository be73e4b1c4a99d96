import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Retired (ADR 0045): the home city's escalations live in `raised_escalation`, subject type
 * `circuitSegment`; the migration `MoveSegmentEscalations` copied these rows there. Nothing reads
 * or writes this table any more; it is declared until it is dropped, one release later.
 */
@Entity('circuit_escalation')
@Index('circuit_escalation_segment_attempt_key', ['segmentId', 'attempt'], { unique: true })
@Index('circuit_escalation_order_idx', ['orderId'])
export class CircuitEscalationEntity {
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
