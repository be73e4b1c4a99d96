import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../bigint-column';
import type { FaultCheckResult, WorkOrderKind } from '../domain/fault-check-results';
import type { WorkOrderState } from '../domain/work-order-states';

/**
 * A work order: this node's part of a home city's circuit order, one per segment attempt
 * (`provisioning`), or a home city's fault check on a segment this node carries (`faultCheck`,
 * one per check id; ADR 0047).
 * Descriptive columns are nullable because a cancel can arrive before the request it cancels
 * (a tombstone, `requested_at` null, filled in when the request turns up), and a refused request
 * is kept as it came. The site contact is personal data (ADR 0018): only an end city holds it.
 */
@Entity('one_stop_work_order')
@Index('one_stop_work_order_segment_attempt_key', ['segmentId', 'attempt'], {
  unique: true,
  where: `kind = 'provisioning'`,
})
@Index('one_stop_work_order_check_key', ['checkId'], { unique: true, where: 'check_id IS NOT NULL' })
@Index('one_stop_work_order_order_idx', ['orderId'])
@Index('one_stop_work_order_created_idx', ['createdAt', 'id'])
@Index('one_stop_work_order_open_idx', ['state'], {
  where: `state IN ('acknowledged', 'accepted', 'inProgress', 'pending')`,
})
@Check(
  'one_stop_work_order_state_chk',
  `state IN ('acknowledged', 'accepted', 'rejected', 'inProgress', 'pending', 'done', 'failed', 'cancelled')`,
)
@Check('one_stop_work_order_attempt_chk', `attempt >= 1`)
@Check('one_stop_work_order_action_chk', `action IN ('add', 'modify', 'delete')`)
@Check('one_stop_work_order_version_chk', `version >= 1`)
@Check('one_stop_work_order_kind_chk', `kind IN ('provisioning', 'faultCheck')`)
@Check(
  'one_stop_work_order_check_chk',
  `(kind = 'faultCheck') = (check_id IS NOT NULL AND ticket_id IS NOT NULL)`,
)
@Check('one_stop_work_order_check_result_chk', `check_result IN ('found', 'notFound', 'restored')`)
export class WorkOrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'segment_id' })
  segmentId!: string;

  @Column('integer')
  attempt!: number;

  /** a_end | z_end | transit as requested (a refused request keeps what it said). */
  @Column('text', { nullable: true })
  role!: string | null;

  /** City that owns the circuit order; replies go there. */
  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('uuid', { name: 'customer_id', nullable: true })
  customerId!: string | null;

  @Column('text', { name: 'customer_name', nullable: true })
  customerName!: string | null;

  @Column('text', { nullable: true })
  product!: string | null;

  @Column('bigint', { name: 'bandwidth_mbps', nullable: true, transformer: bigintColumn })
  bandwidthMbps!: bigint | null;

  @Column('text', { name: 'site_address', nullable: true })
  siteAddress!: string | null;

  /** Personal data: shown to this node's staff, masked in the audit log, never sent anywhere. */
  @Column('text', { name: 'site_contact_name', nullable: true })
  siteContactName!: string | null;

  @Column('text', { name: 'site_contact_phone', nullable: true })
  siteContactPhone!: string | null;

  @Column('text', { name: 'a_end_node', nullable: true })
  aEndNode!: string | null;

  @Column('text', { name: 'z_end_node', nullable: true })
  zEndNode!: string | null;

  /** `YYYY-MM-DD` the customer asked for. */
  @Column('date', { name: 'requested_completion_date', nullable: true })
  requestedCompletionDate!: string | null;

  /** SLA deadline set by the home city. */
  @Column('timestamptz', { nullable: true })
  deadline!: Date | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('text')
  state!: WorkOrderState;

  @Column('text', { name: 'state_reason', nullable: true })
  stateReason!: string | null;

  /** Monotonic per work order; every change raises it and is reported with it. */
  @Column('bigint', { transformer: bigintColumn })
  version!: bigint;

  /** `YYYY-MM-DD` this node expects to be done by, set on acceptance. */
  @Column('date', { name: 'expected_completion_date', nullable: true })
  expectedCompletionDate!: string | null;

  /**
   * The segment's circuit id at this node: reported on completion of a new circuit; for a change
   * or cease, the segment in service, kept unless completion names another.
   */
  @Column('text', { name: 'circuit_id', nullable: true })
  circuitId!: string | null;

  /** TMF641 action of the home city's order: add, modify (a change in service) or delete (cease). */
  @Column('text', { default: 'add' })
  action!: string;

  /** For a change or cease: the circuit's identity at the home city. */
  @Column('uuid', { name: 'circuit_ref', nullable: true })
  circuitRef!: string | null;

  /** For a cease: the circuit's last day in service. */
  @Column('date', { name: 'cease_date', nullable: true })
  ceaseDate!: string | null;

  @Column('text', { nullable: true })
  handover!: string | null;

  /** provisioning (a segment attempt of a circuit order) or faultCheck (ADR 0047). */
  @Column('text', { default: 'provisioning' })
  kind!: WorkOrderKind;

  /** A fault check's id at the home city, and the trouble ticket it checks for. */
  @Column('uuid', { name: 'check_id', nullable: true })
  checkId!: string | null;

  @Column('uuid', { name: 'ticket_id', nullable: true })
  ticketId!: string | null;

  /** critical | major | minor, as the ticket says. */
  @Column('text', { nullable: true })
  severity!: string | null;

  /** found | notFound | restored: the engineers' latest answer to a fault check. */
  @Column('text', { name: 'check_result', nullable: true })
  checkResult!: FaultCheckResult | null;

  @Column('text', { name: 'check_note', nullable: true })
  checkNote!: string | null;

  /** The first answer (found or notFound), and the restoration of a found fault. */
  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt!: Date | null;

  @Column('timestamptz', { name: 'restored_at', nullable: true })
  restoredAt!: Date | null;

  /** When the work request arrived; null while the row is only a cancel's tombstone. */
  @Column('timestamptz', { name: 'requested_at', nullable: true })
  requestedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
