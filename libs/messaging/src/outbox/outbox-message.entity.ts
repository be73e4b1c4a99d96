import { Column, CreateDateColumn, Entity, Generated, PrimaryColumn } from 'typeorm';

/**
 * A message waiting to be handed to the broker. Written in the same transaction as the state
 * change it announces; the relay deletes it in the transaction that sent it, which commits
 * only after the broker has acknowledged it.
 */
@Entity({ name: 'messaging_outbox' })
export class OutboxMessageEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** Write order; the relay sends in this order, which keeps per-key order. */
  @Column('bigint', { unique: true })
  @Generated('increment')
  seq!: string;

  @Column('text')
  topic!: string;

  @Column('text')
  key!: string;

  @Column('text')
  type!: string;

  @Column('text')
  target!: string;

  /** The encoded protobuf envelope, exactly as it goes on the wire. */
  @Column('bytea')
  envelope!: Buffer;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
