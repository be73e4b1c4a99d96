import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintColumn } from '../bigint-column';

/** Who caused a change: the API, a segment node's status, the coordinator, or the home city itself. */
export type StateChangeSource = 'api' | 'segment-node' | 'coordinator' | 'home';

/**
 * History of an order and of its segments, oldest first by `id`. A segment row carries the
 * attempt and, for a status a node reported, its work-order version: one row per version, so a
 * replayed status adds nothing.
 */
@Entity('circuit_order_state_change')
@Index('circuit_order_state_change_order_idx', ['orderId', 'id'])
@Index('circuit_order_state_change_status_key', ['segmentId', 'attempt', 'statusVersion'], {
  unique: true,
  where: 'status_version IS NOT NULL',
})
export class CircuitOrderStateChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  /** Null for a change of the order itself. */
  @Column('uuid', { name: 'segment_id', nullable: true })
  segmentId!: string | null;

  @Column('text', { nullable: true })
  role!: string | null;

  @Column('text', { name: 'node_code', nullable: true })
  nodeCode!: string | null;

  @Column('integer', { nullable: true })
  attempt!: number | null;

  @Column('bigint', { name: 'status_version', nullable: true, transformer: bigintColumn })
  statusVersion!: bigint | null;

  @Column('text', { name: 'from_state', nullable: true })
  fromState!: string | null;

  @Column('text', { name: 'to_state' })
  toState!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  source!: StateChangeSource;

  /** Staff subject, or the node code that sent the message. */
  @Column('text')
  actor!: string;

  /** When the change happened at the segment node, for reported statuses (its clock). */
  @Column('timestamptz', { name: 'reported_at', nullable: true })
  reportedAt!: Date | null;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
