import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One region's share of one circuit's monthly charge for one billing month. The records of a
 * circuit and month sum to its monthly charge, to the fen; once written they never change.
 */
@Entity('one_stop_settlement_record')
@Unique('one_stop_settlement_record_month_order_role_key', ['billingMonth', 'orderId', 'role'])
@Index('one_stop_settlement_record_run_idx', ['runId'])
@Index('one_stop_settlement_record_region_month_idx', ['regionCode', 'billingMonth'])
@Index('one_stop_settlement_record_order_idx', ['orderId'])
@Check('one_stop_settlement_record_role_chk', `role IN ('a_end', 'z_end', 'transit')`)
@Check('one_stop_settlement_record_share_chk', 'share_bp BETWEEN 0 AND 10000')
@Check('one_stop_settlement_record_amount_chk', 'amount_fen >= 0')
export class SettlementRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** `YYYY-MM` in Asia/Shanghai. */
  @Column('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  role!: string;

  /** The A-end or Z-end province, or the transit node (a province or `CN`). */
  @Column('text', { name: 'region_code' })
  regionCode!: string;

  /** Basis points of the monthly charge (1/10,000). */
  @Column('integer', { name: 'share_bp' })
  shareBp!: number;

  @Column('bigint', { name: 'amount_fen' })
  amountFen!: string;

  /** Copied from the circuit, for analytics by product. */
  @Column('text')
  product!: string;

  @Column('bigint', { name: 'policy_version' })
  policyVersion!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
