import { Column, PrimaryColumn } from 'typeorm';
import type { EscalationFacts, EscalationStatus } from './escalation-vocabulary';

/** The columns both ends keep of an escalation; each end's table adds whom it is from or to. */
export abstract class EscalationColumns {
  /** Minted by the raiser; the holder keeps the same. */
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

  @Column('timestamptz', { name: 'due_at' })
  dueAt!: Date;

  @Column('timestamptz', { name: 'breached_at' })
  breachedAt!: Date;

  @Column('jsonb')
  facts!: EscalationFacts;

  @Column('text')
  status!: EscalationStatus;

  /** Staff id at the holder. */
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
