import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../bigint-column';
import type { SegmentSlaRule, SettlementOverrideRule } from './one-stop-policy.reader';

/**
 * National: every version of the one-stop policy HQ has set. The highest version is in force;
 * older rows are its history. Versions start at 1 (0 means a node's configured defaults).
 */
@Entity('one_stop_policy')
@Check('one_stop_policy_version_chk', `version >= 1`)
@Check('one_stop_policy_transit_share_chk', `transit_share_bp BETWEEN 0 AND 10000`)
@Check('one_stop_policy_quote_reply_chk', `quote_reply_seconds BETWEEN 5 AND 604800`)
export class OneStopPolicyEntity {
  @PrimaryColumn('bigint', { transformer: bigintColumn })
  version!: bigint;

  /** Every product's SLA, in catalogue order. */
  @Column('jsonb')
  slas!: SegmentSlaRule[];

  @Column('integer', { name: 'transit_share_bp' })
  transitShareBp!: number;

  /** In the order they were written. */
  @Column('jsonb')
  overrides!: SettlementOverrideRule[];

  /** Seconds within which every segment node must answer a circuit quote. */
  @Column('integer', { name: 'quote_reply_seconds' })
  quoteReplySeconds!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** Subject of the principal who set this version. */
  @Column('text', { name: 'updated_by' })
  updatedBy!: string;
}
