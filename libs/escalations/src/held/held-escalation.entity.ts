import { Check, Column, Entity, Index } from 'typeorm';
import { EscalationColumns } from '../escalation-columns';

/**
 * An escalation raised to this node (a province, CN, or an order's coordinator), keyed by the
 * raiser's id: a re-sent raise changes nothing, and a close that overtakes its raise leaves it
 * closed.
 */
@Entity('held_escalation')
@Index('held_escalation_raised_idx', ['raisedAt'])
@Index('held_escalation_case_idx', ['caseId'])
@Index('held_escalation_open_idx', ['cityCode'], { where: `status <> 'closed'` })
@Check('held_escalation_status_chk', `status IN ('open', 'acknowledged', 'closed')`)
@Check('held_escalation_closed_chk', `(status = 'closed') = (closed_at IS NOT NULL)`)
export class HeldEscalationEntity extends EscalationColumns {
  /** Node code of the raiser; only it may close the escalation. */
  @Column('text', { name: 'raised_by' })
  raisedBy!: string;

  /** The case's city (from the facts), kept as a column for filters and region scope. */
  @Column('text', { name: 'city_code' })
  cityCode!: string;

  /** When the raiser raised it (the raiser's clock). */
  @Column('timestamptz', { name: 'raised_at' })
  raisedAt!: Date;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
