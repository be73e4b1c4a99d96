import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per inbound message id ever handled (or dead-lettered): the deduplication record. */
@Entity({ name: 'messaging_inbox' })
export class InboxMessageEntity {
  @PrimaryColumn('uuid', { name: 'message_id' })
  messageId!: string;

  @Column('text')
  type!: string;

  @Column('text')
  source!: string;

  /** `handled` or `dead_lettered`. */
  @Column('text', { default: 'handled' })
  outcome!: string;

  @Index('messaging_inbox_received_at_idx')
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
