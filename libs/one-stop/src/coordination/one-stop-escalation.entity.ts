import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * Retired (ADR 0045): the coordinator's escalations live in `held_escalation`, subject type
 * `circuitSegment`; the migration `MoveSegmentEscalations` copied these rows there. Nothing reads
 * or writes this table any more; it is declared until it is dropped, one release later.
 */
@Entity('one_stop_escalation')
@Unique('one_stop_escalation_segment_attempt_key', ['segmentId', 'attempt'])
@Index('one_stop_escalation_order_idx', ['orderId'])
@Index('one_stop_escalation_open_idx', ['orderId', 'segmentId'], { where: `status = 'open'` })
@Index('one_stop_escalation_received_idx', ['receivedAt'])
@Check('one_stop_escalation_status_chk', `status IN ('open', 'resolved')`)
@Check('one_stop_escalation_resolution_chk', `(status = 'open') = (resolution IS NULL)`)
export class OneStopEscalationEntity {
  /** The escalation id the home city minted: a re-sent breach carries the same. */
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

  /** Node that holds the segment's work order. */
  @Column('text', { name: 'node_code' })
  nodeCode!: string;

  /** The segment's state when the breach was found. */
  @Column('text', { name: 'segment_state' })
  segmentState!: string;

  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('timestamptz', { nullable: true })
  deadline!: Date | null;

  @Column('timestamptz', { name: 'breached_at' })
  breachedAt!: Date;

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  resolution!: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  /** Staff id of the coordinator who acted; null when the order overtook the escalation. */
  @Column('text', { name: 'resolved_by', nullable: true })
  resolvedBy!: string | null;

  /** The coordination request that resolved it. */
  @Column('uuid', { name: 'request_id', nullable: true })
  requestId!: string | null;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
