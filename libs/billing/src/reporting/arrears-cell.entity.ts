import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A customer's arrears cell of one billing month as reported to the province: the figures are
 * summed from the customer's `billing_arrears_month` rows when the cell is taken; this row only
 * says that they changed (`version`) and which version the province was last sent.
 */
@Entity('billing_arrears_cell')
// Cells changed since they were last reported: the reporter's work list, kept small by the predicate.
@Index('billing_arrears_cell_unreported_idx', ['billingMonth', 'customerId'], {
  where: 'version > reported_version',
})
export class ArrearsCellEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @PrimaryColumn('text', { name: 'billing_month' })
  billingMonth!: string;

  /** Raised by every change of the customer's month rows (and by a resync of the month). */
  @Column('bigint', { default: 1 })
  version!: string;

  /** The version last written to the outbox for the province; behind `version` while unreported. */
  @Column('bigint', { name: 'reported_version', default: 0 })
  reportedVersion!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
