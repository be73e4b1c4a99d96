import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { BIGINT } from '../tariffs/bigint.transformer';
import type { SegmentSlaRule, SettlementOverrideRule } from './one-stop-policy.reader';

/**
 * Province and city: the one-stop policy last published by the national node. One row (id 1);
 * the highest version received wins, so replays and reordering are harmless.
 */
@Entity('one_stop_policy_replica')
@Check('one_stop_policy_replica_single_row', '"id" = 1')
export class OneStopPolicyReplicaEntity {
  @PrimaryColumn('smallint', { default: 1 })
  id!: number;

  @Column('bigint', { transformer: BIGINT })
  version!: bigint;

  @Column('jsonb')
  slas!: SegmentSlaRule[];

  @Column('integer', { name: 'transit_share_bp' })
  transitShareBp!: number;

  @Column('jsonb')
  overrides!: SettlementOverrideRule[];

  /** When the national node set this version (its clock). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
