import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SlaClock } from '@kaf/platform';

export type SlaTargetName = 'response' | 'restore';
export const SLA_TARGET_NAMES: readonly SlaTargetName[] = ['response', 'restore'];

/**
 * One SLA clock of a ticket: first response, or restore (faults) / resolve (the other types).
 * Its times are in the clock's own minutes (24×7 or working days); the time it stood still
 * (pending, held, resolved before a reopen) is kept in `paused_minutes` and pushes `due_at` on.
 */
@Entity('ticket_sla_clock')
@Index('ticket_sla_clock_ticket_target_key', ['ticketId', 'target'], { unique: true })
@Index('ticket_sla_clock_running_idx', ['id'], {
  where: 'met_at IS NULL AND stopped_at IS NULL AND paused_since IS NULL',
})
@Check('ticket_sla_clock_target_chk', `target IN ('response', 'restore')`)
@Check('ticket_sla_clock_clock_chk', `clock IN ('continuous', 'workingDays')`)
export class TicketSlaClockEntity {
  /** The clock's id, also its durable deadline's id. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId!: string;

  @Column('text')
  target!: SlaTargetName;

  @Column('text')
  clock!: SlaClock;

  @Column('integer', { name: 'target_minutes' })
  targetMinutes!: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  /** started_at + target_minutes + paused_minutes, in the clock's minutes. */
  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'met_at', nullable: true })
  metAt!: Date | null;

  /** Exact (fractions of a minute), so that a short pause moves the due time by what it lasted. */
  @Column('double precision', { name: 'paused_minutes', default: 0 })
  pausedMinutes!: number;

  @Column('timestamptz', { name: 'paused_since', nullable: true })
  pausedSince!: Date | null;

  /** The ticket was closed, cancelled or rejected before the target was met: nothing fires. */
  @Column('timestamptz', { name: 'stopped_at', nullable: true })
  stoppedAt!: Date | null;

  /** The customer's grade when the clock started, as escalations tell it. */
  @Column('text')
  grade!: string;

  /** A national group member's ticket escalates to CN at its breach. */
  @Column('boolean', { name: 'group_member' })
  groupMember!: boolean;

  @Column('text', { name: 'policy_issuer' })
  policyIssuer!: string;

  @Column('bigint', { name: 'policy_version' })
  policyVersion!: string;
}
