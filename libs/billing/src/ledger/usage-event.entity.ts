import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * One usage or adjustment event as a billing system sent it: the ledger. Rows are never deleted;
 * a correction adds a row and marks the original superseded, so the history stays auditable.
 */
@Entity('billing_usage_event')
@Unique('billing_usage_event_source_event_uq', ['source', 'eventId'])
@Check('billing_usage_event_month_chk', `billing_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
export class UsageEventEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  /** The sending billing system: the token subject, never the request body. */
  @Column('text')
  source!: string;

  /** The sender's id of the event, unique per source: what makes re-sending harmless. */
  @Column('varchar', { name: 'event_id', length: 128 })
  eventId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  product!: string;

  @Column('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt!: Date;

  /** Signed: credits and adjustments are negative. */
  @Column('bigint', { name: 'amount_fen' })
  amountFen!: string;

  @Column('numeric', { nullable: true })
  quantity!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  unit!: string | null;

  /** Event id (same source) this event corrects. */
  @Column('varchar', { length: 128, nullable: true })
  supersedes!: string | null;

  /** Event id (same source) of the correction that replaced this event. */
  @Column('varchar', { name: 'superseded_by', length: 128, nullable: true })
  supersededBy!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
