import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An inbound message that could not be handled; kept for operators to inspect and replay. */
@Entity({ name: 'messaging_dead_letter' })
@Index('messaging_dead_letter_record_uq', ['topic', 'partition', 'offset'], { unique: true })
export class DeadLetterEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Null when the envelope itself could not be decoded. */
  @Index('messaging_dead_letter_message_id_idx')
  @Column('uuid', { name: 'message_id', nullable: true })
  messageId!: string | null;

  @Column('text', { nullable: true })
  type!: string | null;

  @Column('text', { nullable: true })
  source!: string | null;

  @Column('text')
  topic!: string;

  @Column('int')
  partition!: number;

  @Column('bigint')
  offset!: string;

  @Column('bytea', { nullable: true })
  raw!: Buffer | null;

  @Column('text')
  reason!: string;

  @Column('int')
  attempts!: number;

  @Index('messaging_dead_letter_failed_at_idx')
  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt!: Date;

  @Column('timestamptz', { name: 'replayed_at', nullable: true })
  replayedAt!: Date | null;
}
