import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { EscalationColumns } from '../escalation-columns';

/**
 * An escalation this node raised and keeps: the case's owner knows what it escalated, to whom,
 * and whether the holder acknowledged it. The unique key is what makes a timer that fires twice,
 * or a reconciler racing it, raise it once.
 */
@Entity('raised_escalation')
@Unique('raised_escalation_subject_reason_holder_key', ['subjectId', 'reason', 'holderNode'])
@Index('raised_escalation_case_idx', ['caseId'])
@Check('raised_escalation_status_chk', `status IN ('open', 'acknowledged', 'closed')`)
@Check('raised_escalation_closed_chk', `(status = 'closed') = (closed_at IS NOT NULL)`)
export class RaisedEscalationEntity extends EscalationColumns {
  /** Node code of the holder: the province, CN, or an order's coordinator. */
  @Column('text', { name: 'holder_node' })
  holderNode!: string;

  @Column('timestamptz', { name: 'raised_at', default: () => 'now()' })
  raisedAt!: Date;
}
