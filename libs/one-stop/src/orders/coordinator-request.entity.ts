import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type CoordinatorRequestKind = 'redispatch' | 'cancel';

/**
 * A coordinator's request, by its own id: acted on once however often it is re-sent (a re-send
 * is a new message id, which the inbox alone would not catch). `outcome` says what was done.
 */
@Entity('circuit_coordinator_request')
@Index('circuit_coordinator_request_order_idx', ['orderId'])
export class CoordinatorRequestEntity {
  @PrimaryColumn('uuid', { name: 'request_id' })
  requestId!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  kind!: CoordinatorRequestKind;

  @Column('text')
  coordinator!: string;

  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  outcome!: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
