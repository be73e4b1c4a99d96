import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest status report from each child node (last sequence wins). */
@Entity({ name: 'federation_child_status' })
export class ChildStatusEntity {
  @PrimaryColumn('text', { name: 'child_code' })
  childCode!: string;

  @Column('text')
  tier!: string;

  @Column('text')
  version!: string;

  @Column('bigint')
  sequence!: string;

  @Column('bigint', { name: 'outbox_backlog' })
  outboxBacklog!: string;

  @Column('bigint', { name: 'consumer_lag' })
  consumerLag!: string;

  @Column('bigint', { name: 'dead_letters' })
  deadLetters!: string;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { name: 'last_error_at', nullable: true })
  lastErrorAt!: Date | null;

  @Column('bigint', { name: 'uptime_seconds' })
  uptimeSeconds!: string;

  /** When the child produced the report (its clock). */
  @Column('timestamptz', { name: 'reported_at' })
  reportedAt!: Date;

  /** When the child process started; orders reports across restarts together with `sequence`. */
  @Column('timestamptz', { name: 'started_at' })
  startedAt!: Date;

  /** Job schedulers the child re-created since it started because Redis had lost them. */
  @Column('bigint', { name: 'schedules_restored', default: 0 })
  schedulesRestored!: string;

  @Column('timestamptz', { name: 'schedules_restored_at', nullable: true })
  schedulesRestoredAt!: Date | null;

  /** When this node handled it (our clock): ages are measured from here. */
  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;
}
