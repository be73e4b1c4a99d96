import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One region's share of one circuit's charge for one billing month: the first booking of a role
 * (`charge`, seq 1) or a later difference to it (`correction`, seq 2…, possibly negative). The
 * records of a circuit and month sum to its day-prorated charge, to the fen; once written they
 * never change (ADR 0039).
 */
@Entity('one_stop_settlement_record')
@Unique('one_stop_settlement_record_month_circuit_role_seq_key', ['billingMonth', 'circuitId', 'role', 'seq'])
@Index('one_stop_settlement_record_run_idx', ['runId'])
@Index('one_stop_settlement_record_region_month_idx', ['regionCode', 'billingMonth'])
@Index('one_stop_settlement_record_order_idx', ['orderId'])
@Index('one_stop_settlement_record_circuit_idx', ['circuitId'])
@Check('one_stop_settlement_record_role_chk', `role IN ('a_end', 'z_end', 'transit')`)
@Check('one_stop_settlement_record_share_chk', 'share_bp BETWEEN 0 AND 10000')
@Check('one_stop_settlement_record_kind_chk', `kind IN ('charge', 'correction')`)
@Check('one_stop_settlement_record_seq_chk', `(kind = 'charge') = (seq = 1)`)
@Check(
  'one_stop_settlement_record_amount_chk',
  `(kind = 'charge' AND amount_fen >= 0) OR (kind = 'correction' AND amount_fen <> 0)`,
)
export class SettlementRecordEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** `YYYY-MM` in Asia/Shanghai. */
  @Column('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** The order of the version in force on the month's last day in service, when the record was written. */
  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  kind!: string;

  /** 1 for the charge, then 2, 3… for the role's corrections. */
  @Column('integer')
  seq!: number;

  @Column('text')
  role!: string;

  /** The A-end or Z-end province, or the transit node (a province or `CN`). */
  @Column('text', { name: 'region_code' })
  regionCode!: string;

  /** Basis points of the charge (1/10,000): the policy's when the month was first booked, kept by its corrections. */
  @Column('integer', { name: 'share_bp' })
  shareBp!: number;

  @Column('bigint', { name: 'amount_fen' })
  amountFen!: string;

  /** Copied from the circuit, for analytics by product. */
  @Column('text')
  product!: string;

  /** The one-stop policy the shares came from: the charge's, for its corrections too. */
  @Column('bigint', { name: 'policy_version' })
  policyVersion!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
