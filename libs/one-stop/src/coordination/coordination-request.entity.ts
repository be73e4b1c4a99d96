import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const COORDINATION_REQUEST_KINDS = ['redispatch', 'cancel'] as const;
export type CoordinationRequestKind = (typeof COORDINATION_REQUEST_KINDS)[number];

/** A re-dispatch or cancel request this coordinator sent to an order's home city. */
@Entity('one_stop_coordination_request')
@Index('one_stop_coordination_request_order_idx', ['orderId', 'requestedAt'])
@Index('one_stop_coordination_request_attempt_key', ['segmentId', 'attempt'], {
  unique: true,
  where: `kind = 'redispatch'`,
})
@Check('one_stop_coordination_request_kind_chk', `kind IN ('redispatch', 'cancel')`)
@Check('one_stop_coordination_request_segment_chk', `(kind = 'redispatch') = (segment_id IS NOT NULL)`)
export class CoordinationRequestEntity {
  /** The request_id of the message: the home city does each request once. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  kind!: CoordinationRequestKind;

  @Column('uuid', { name: 'segment_id', nullable: true })
  segmentId!: string | null;

  /**
   * For a re-dispatch: the segment's attempt this coordinator knew when it asked. A second request
   * for the same attempt is refused until the home city reports the new one (a double click).
   */
  @Column('int', { name: 'attempt', nullable: true })
  attempt!: number | null;

  @Column('text')
  reason!: string;

  /** Staff id of the coordinator. */
  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  /** Home city the request went to. */
  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt!: Date;
}
