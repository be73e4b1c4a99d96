import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CircuitAction } from '../domain/circuit-actions';
import type { CircuitProduct } from '../domain/circuit-products';
import type { OrderState } from '../domain/order-states';
import { bigintColumn } from '../bigint-column';

/**
 * A one-stop circuit order (TMF641 service order) owned by the customer's home city. The site
 * contacts are personal data: they stay here and travel only to the city that works that site.
 */
@Entity('circuit_order')
@Index('circuit_order_customer_idx', ['customerId', 'createdAt'])
@Index('circuit_order_customer_external_key', ['customerId', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
@Index('circuit_order_state_idx', ['state', 'createdAt'])
@Check(
  'circuit_order_state_chk',
  `state IN ('acknowledged', 'inProgress', 'held', 'pending', 'completed', 'failed', 'partial', 'cancelled', 'assessingCancellation', 'pendingCancellation', 'rejected')`,
)
@Check('circuit_order_charges_chk', `one_time_charge_fen >= 0 AND monthly_charge_fen >= 1`)
@Check('circuit_order_bandwidth_chk', `bandwidth_mbps BETWEEN 1 AND 100000`)
@Check('circuit_order_action_chk', `action IN ('add', 'modify', 'delete')`)
@Check('circuit_order_cease_date_chk', `(action = 'delete') = (cease_date IS NOT NULL)`)
@Index('circuit_order_circuit_idx', ['circuitId', 'createdAt'])
export class CircuitOrderEntity {
  @PrimaryColumn('uuid')
  id!: string;

  /** The city that took the order (this node). */
  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** The enterprise's registered name when the order was taken (business data, sent with segments). */
  @Column('varchar', { name: 'customer_name', length: 200 })
  customerName!: string;

  /** The caller's own reference (TMF641 externalId), unique per customer: a retried POST finds its order. */
  @Column('varchar', { name: 'external_id', length: 64, nullable: true })
  externalId!: string | null;

  /** Digest of the request that created the order, to tell a retry from a clash of references. */
  @Column('text', { name: 'request_fingerprint' })
  requestFingerprint!: string;

  /** TMF641 action: `add` a new circuit, `modify` or `delete` (cease) the circuit `circuitId`. */
  @Column('text', { default: 'add' })
  action!: CircuitAction;

  /** The circuit the order makes or changes; for `add`, the identity the new circuit will have. */
  @Column('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** For `modify` and `delete`: the circuit's version in force when the order was taken. */
  @Column('integer', { name: 'base_version', nullable: true })
  baseVersion!: number | null;

  /** For `delete`: the circuit's last day in service (still charged). */
  @Column('date', { name: 'cease_date', nullable: true })
  ceaseDate!: string | null;

  @Column('text')
  product!: CircuitProduct;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('varchar', { name: 'a_end_address', length: 300 })
  aEndAddress!: string;

  @Column('varchar', { name: 'a_end_contact_name', length: 100 })
  aEndContactName!: string;

  @Column('varchar', { name: 'a_end_contact_phone', length: 40 })
  aEndContactPhone!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  @Column('varchar', { name: 'z_end_address', length: 300 })
  zEndAddress!: string;

  @Column('varchar', { name: 'z_end_contact_name', length: 100 })
  zEndContactName!: string;

  @Column('varchar', { name: 'z_end_contact_phone', length: 40 })
  zEndContactPhone!: string;

  /** Node carrying the transit segment; null when both ends are in one city. */
  @Column('text', { name: 'transit_node', nullable: true })
  transitNode!: string | null;

  /** Escalation point (一站业务协调): the province for an in-province order, else the national node. */
  @Column('text')
  coordinator!: string;

  /** `YYYY-MM-DD` the customer asked for. */
  @Column('date', { name: 'requested_completion_date' })
  requestedCompletionDate!: string;

  @Column('varchar', { length: 2000, nullable: true })
  notes!: string | null;

  @Column('uuid', { name: 'quote_id', nullable: true })
  quoteId!: string | null;

  @Column('bigint', { name: 'one_time_charge_fen', transformer: bigintColumn })
  oneTimeChargeFen!: bigint;

  @Column('bigint', { name: 'monthly_charge_fen', transformer: bigintColumn })
  monthlyChargeFen!: bigint;

  @Column('text')
  state!: OrderState;

  @Column('text', { name: 'state_reason', nullable: true })
  stateReason!: string | null;

  /** Latest date the segment nodes expect to be done by. */
  @Column('date', { name: 'expected_completion_date', nullable: true })
  expectedCompletionDate!: string | null;

  /** Shanghai day the order completed. */
  @Column('date', { name: 'completion_date', nullable: true })
  completionDate!: string | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  /** When the order was put on hold, and the state it was held from (open deadlines move on resume). */
  @Column('timestamptz', { name: 'held_at', nullable: true })
  heldAt!: Date | null;

  @Column('text', { name: 'held_from', nullable: true })
  heldFrom!: OrderState | null;

  /** Raised by every change the coordinator must learn (CircuitOrderStatus carries it). */
  @Column('integer')
  version!: number;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
