import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event from a Kafka door (or routed from the province's doors) that could not be booked as it
 * arrived (malformed JSON or CloudEvent, invalid event, unknown customer or account, bad
 * correction); at a province, one that could not be routed to a city. Kept, never dropped, so that an
 * operator can see why and replay it once the cause is fixed; the partition moves on meanwhile.
 */
@Entity('billing_parked_event')
@Index('billing_parked_event_account_idx', ['source', 'billingAccount'], { where: '"replayed_at" IS NULL' })
@Index('billing_parked_event_position_uq', ['topic', 'partition', 'offset', 'index'], { unique: true })
export class ParkedUsageEventEntity {
  /** UUIDv7. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  topic!: string;

  @Column('int')
  partition!: number;

  @Column('bigint')
  offset!: string;

  /** Index of the event in a batch message; 0 for a single event or a message at fault as a whole. */
  @Column('int')
  index!: number;

  /** The CloudEvent source, when it could be read. */
  @Column('text', { nullable: true })
  source!: string | null;

  /** The CloudEvent id, when it could be read. */
  @Index('billing_parked_event_event_id_idx')
  @Column('text', { name: 'event_id', nullable: true })
  eventId!: string | null;

  /** The account number the event names (read well enough to know it): opening that account books it. */
  @Column('text', { name: 'billing_account', nullable: true })
  billingAccount!: string | null;

  /** Why it was parked, naming the fields at fault (`data.customerId: ...`). */
  @Column('text')
  reason!: string;

  /** The event as it arrived: the message text, or the batch element re-serialized. */
  @Column('text')
  payload!: string;

  @Index('billing_parked_event_parked_at_idx')
  @Column('timestamptz', { name: 'parked_at', default: () => 'now()' })
  parkedAt!: Date;

  /** When a replay booked it (as accepted or as a duplicate of an event booked meanwhile). */
  @Column('timestamptz', { name: 'replayed_at', nullable: true })
  replayedAt!: Date | null;

  @Column('text', { name: 'replay_status', nullable: true })
  replayStatus!: 'accepted' | 'duplicate' | 'routed' | null;
}
