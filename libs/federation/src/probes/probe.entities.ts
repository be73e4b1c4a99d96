import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A batch of probes this node sent. */
@Entity({ name: 'federation_probe_batch' })
export class ProbeBatchEntity {
  @PrimaryColumn('uuid', { name: 'batch_id' })
  batchId!: string;

  @Column('text')
  target!: string;

  @Column('int')
  count!: number;

  @Column('int')
  keys!: number;

  @Column('text')
  mode!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * Every probe delivery handled here, one row per handling: a message handled twice would show up
 * as two rows, which is exactly what the delivery checks look for.
 */
@Entity({ name: 'federation_probe_received' })
@Index('federation_probe_received_batch_idx', ['batchId', 'key', 'seq'])
export class ProbeReceivedEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  seq!: string;

  @Column('uuid', { name: 'probe_id' })
  probeId!: string;

  @Column('uuid', { name: 'batch_id' })
  batchId!: string;

  @Column('text')
  source!: string;

  @Column('text')
  key!: string;

  @Column('int')
  sequence!: number;

  @Column('timestamptz', { name: 'sent_at' })
  sentAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'clock_timestamp()' })
  receivedAt!: Date;
}

/** Replies that came back for probes this node sent. */
@Entity({ name: 'federation_probe_reply' })
@Index('federation_probe_reply_batch_idx', ['batchId'])
export class ProbeReplyEntity {
  @PrimaryColumn('uuid', { name: 'probe_id' })
  probeId!: string;

  @Column('uuid', { name: 'batch_id' })
  batchId!: string;

  @Column('text')
  key!: string;

  @Column('int')
  sequence!: number;

  @Column('timestamptz', { name: 'sent_at' })
  sentAt!: Date;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;

  @Column('timestamptz', { name: 'replied_at', default: () => 'clock_timestamp()' })
  repliedAt!: Date;
}
