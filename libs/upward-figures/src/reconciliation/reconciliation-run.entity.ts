import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const RUN_STATUSES = ['running', 'complete', 'partial'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ['manual', 'scheduled'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/**
 * One reconciliation run of one measure at a province or the national node: the children asked
 * for their totals of some months. Complete when every child answered before the deadline,
 * partial when one did not.
 */
@Entity('reconciliation_run')
@Index('reconciliation_run_status_deadline_idx', ['status', 'deadlineAt'])
@Index('reconciliation_run_measure_started_idx', ['measure', 'startedAt'])
export class ReconciliationRunEntity {
  /** Also the request id of the FiguresTotalsRequest messages. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The measure compared, e.g. usage. */
  @Column('text')
  measure!: string;

  @Column('text')
  status!: RunStatus;

  @Column('text')
  trigger!: RunTrigger;

  /** Subject of the principal who asked; null for a scheduled run. */
  @Column('text', { name: 'requested_by', nullable: true })
  requestedBy!: string | null;

  @Column('text', { array: true })
  months!: string[];

  @Index('reconciliation_run_started_at_idx')
  @Column('timestamptz', { name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'deadline_at' })
  deadlineAt!: Date;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
