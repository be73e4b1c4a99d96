import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SETTLEMENT_TRIGGERS = ['manual', 'scheduled'] as const;
export type SettlementTrigger = (typeof SETTLEMENT_TRIGGERS)[number];

/**
 * One settlement run of a billing month: the records it added are the charges of circuits first
 * booked for the month and the corrections of those booked before whose due changed. Runs only
 * ever add (ADR 0039). `created_at` is taken after the settlement lock: versions received later
 * make the month due again.
 */
@Entity('one_stop_settlement_run')
@Index('one_stop_settlement_run_month_idx', ['billingMonth'])
@Index('one_stop_settlement_run_created_idx', ['createdAt'])
@Check('one_stop_settlement_run_trigger_chk', `trigger IN ('manual', 'scheduled')`)
export class SettlementRunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'billing_month' })
  billingMonth!: string;

  @Column('text')
  trigger!: SettlementTrigger;

  /** Staff id of who asked; null for a scheduled run. */
  @Column('text', { name: 'requested_by', nullable: true })
  requestedBy!: string | null;

  /** Version of the one-stop policy the shares came from (0: the defaults). */
  @Column('bigint', { name: 'policy_version' })
  policyVersion!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
