import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The city's service quality of one month as reported to the province: the lines are computed
 * from the tickets when the cell is taken; this row says that they changed (`version`), which
 * version the province was last sent, and the month's active customers as of the last change.
 */
@Entity('ticket_quality_month')
// Months changed since they were last reported: the reporter's work list, kept small by the predicate.
@Index('ticket_quality_month_unreported_idx', ['billingMonth'], { where: 'version > reported_version' })
export class TicketQualityMonthEntity {
  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  /** Customers in status active when the month was last marked (the base of complaints per 100). */
  @Column('integer', { name: 'active_customers', default: 0 })
  activeCustomers!: number;

  /** Raised by every change of a ticket counted in the month (and by a resync of the month). */
  @Column('bigint', { default: 1 })
  version!: string;

  /** The version last written to the outbox for the province; behind `version` while unreported. */
  @Column('bigint', { name: 'reported_version', default: 0 })
  reportedVersion!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
