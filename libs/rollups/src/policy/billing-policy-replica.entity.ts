import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Province and city: the billing policy last published by the national node. One row (id 1);
 * the highest version received wins, so replays and reordering are harmless.
 */
@Entity('billing_policy_replica')
@Check('billing_policy_replica_single_row', '"id" = 1')
export class BillingPolicyReplicaEntity {
  @PrimaryColumn('smallint', { default: 1 })
  id!: number;

  @Column('bigint')
  version!: string;

  @Column('bigint', { name: 'high_value_min_monthly_fen' })
  highValueMinMonthlyFen!: string;

  @Column('int', { name: 'churn_drop_percent' })
  churnDropPercent!: number;

  /** When the national node set this version (its clock). */
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
