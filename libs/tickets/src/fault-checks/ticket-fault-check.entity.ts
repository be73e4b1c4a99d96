import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * What a check is at the home city: sent (waiting for the node), overdue (escalated to the
 * coordinator, still waiting), found (the fault is there, being repaired), notFound, restored
 * (found and repaired), cancelled (the ticket ended first, or service was restored elsewhere).
 */
export const FAULT_CHECK_STATES = ['sent', 'overdue', 'found', 'notFound', 'restored', 'cancelled'] as const;
export type FaultCheckState = (typeof FAULT_CHECK_STATES)[number];

/**
 * A fault ticket's check of one segment of its circuit, at the node that carries the segment
 * (ADR 0047). One per ticket, round and segment: the ticket's opening sends round 1, each reopen
 * the next; the home city's own segment is checked the same way.
 */
@Entity('ticket_fault_check')
@Index('ticket_fault_check_ticket_round_segment_key', ['ticketId', 'round', 'segmentId'], { unique: true })
@Index('ticket_fault_check_waiting_idx', ['dueAt'], { where: `state = 'sent'` })
@Check(
  'ticket_fault_check_state_chk',
  `state IN ('sent', 'overdue', 'found', 'notFound', 'restored', 'cancelled')`,
)
@Check('ticket_fault_check_round_chk', `round >= 1`)
export class TicketFaultCheckEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @Column('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** The order that made the circuit, and its coordinator (province or CN). */
  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  coordinator!: string;

  /**
   * 1 for the checks sent when the ticket opened, n + 1 after its n-th reopen: the ticket's
   * `reopen_count` + 1 when they were sent, so the same reopen heard twice sends nothing more.
   */
  @Column('integer', { default: 1 })
  round!: number;

  @Column('uuid', { name: 'segment_id' })
  segmentId!: string;

  @Column('text', { name: 'node_code' })
  nodeCode!: string;

  /** a_end | z_end | transit. */
  @Column('text')
  role!: string;

  @Column('text')
  state!: FaultCheckState;

  /** The node answers found or notFound by then (the service policy's faultCheckAnswerMinutes). */
  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  /** Null until answered; true when the fault was found at the node. */
  @Column('boolean', { nullable: true })
  found!: boolean | null;

  @Column('timestamptz', { name: 'restored_at', nullable: true })
  restoredAt!: Date | null;

  /** The node's last note, and the engineer who wrote it (staff id at the node). */
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { name: 'answered_by', nullable: true })
  answeredBy!: string | null;

  /** When the silent node was escalated to the coordinator. */
  @Column('timestamptz', { name: 'escalated_at', nullable: true })
  escalatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
