import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { EscalationFacts, EscalationStatus } from '../escalation-vocabulary';

/**
 * An escalation this node raised and keeps: the case's owner knows what it escalated, to whom,
 * and whether the holder acknowledged it. The unique key is what makes a timer that fires twice,
 * or a reconciler racing it, raise it once.
 */
@Entity('raised_escalation')
@Unique('raised_escalation_subject_reason_holder_key', ['subjectId', 'reason', 'holderNode'])
@Index('raised_escalation_case_idx', ['caseId'])
@Check('raised_escalation_status_chk', `status IN ('open', 'acknowledged', 'closed')`)
@Check('raised_escalation_closed_chk', `(status = 'closed') = (closed_at IS NOT NULL)`)
export class RaisedEscalationEntity {
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

  /** Node code of the holder: the province, CN, or an order's coordinator. */
  @Column('text', { name: 'holder_node' })
  holderNode!: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'breached_at' })
  breachedAt!: Date;

  @Column('jsonb')
  facts!: EscalationFacts;

  @Column('text')
  status!: EscalationStatus;

  @Column('timestamptz', { name: 'raised_at', default: () => 'now()' })
  raisedAt!: Date;

  /** Staff id at the holder, as its acknowledgement said. */
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
