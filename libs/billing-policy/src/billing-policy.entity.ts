import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * National: every version of the billing policy HQ has set. The highest version is the policy in
 * force; older rows are its history. Versions start at 1 (0 means a node's configured defaults).
 */
@Entity('billing_policy')
export class BillingPolicyEntity {
  @PrimaryColumn('bigint')
  version!: string;

  @Column('bigint', { name: 'high_value_min_monthly_fen' })
  highValueMinMonthlyFen!: string;

  @Column('int', { name: 'churn_drop_percent' })
  churnDropPercent!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** Subject of the principal who set this version. */
  @Column('text', { name: 'updated_by' })
  updatedBy!: string;
}
