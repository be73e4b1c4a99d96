import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EscalationFacts, EscalationStatus } from '../escalation-vocabulary';

/**
 * An escalation raised to this node (a province, CN, or an order's coordinator), keyed by the
 * raiser's id: a re-sent raise changes nothing, and a close that overtakes its raise leaves it
 * closed.
 */
@Entity('held_escalation')
@Index('held_escalation_raised_idx', ['raisedAt'])
@Index('held_escalation_case_idx', ['caseId'])
@Index('held_escalation_open_idx', ['cityCode'], { where: `status <> 'closed'` })
@Check('held_escalation_status_chk', `status IN ('open', 'acknowledged', 'closed')`)
@Check('held_escalation_closed_chk', `(status = 'closed') = (closed_at IS NOT NULL)`)
export class HeldEscalationEntity {
  /** The id the raiser minted. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'subject_type' })
  subjectType!: string;

  @Column('text', { name: 'subject_id' })
  subjectId!: string;

  @Column('text', { name: 'case_id' })
  caseId!: string;

  @Column('text')
  reason!: string;

  /** Node code of the raiser; only it may close the escalation. */
  @Column('text', { name: 'raised_by' })
  raisedBy!: string;

  /** The case's city (from the facts), kept as a column for filters and region scope. */
  @Column('text', { name: 'city_code' })
  cityCode!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'breached_at' })
  breachedAt!: Date;

  /** When the raiser raised it (the raiser's clock). */
  @Column('timestamptz', { name: 'raised_at' })
  raisedAt!: Date;

  @Column('jsonb')
  facts!: EscalationFacts;

  @Column('text')
  status!: EscalationStatus;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;

  @Column('text', { name: 'acknowledged_by', nullable: true })
  acknowledgedBy!: string | null;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column('text', { name: 'acknowledgement_note', nullable: true })
  acknowledgementNote!: string | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { name: 'closed_why', nullable: true })
  closedWhy!: string | null;
}
