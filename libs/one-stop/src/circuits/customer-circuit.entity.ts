import { Check, Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintColumn } from '../bigint-column';
import type { CircuitProduct } from '../domain/circuit-products';
import type { CircuitState } from '../domain/circuit-actions';

/**
 * A one-stop circuit of a customer of this city, with an identity of its own kept across the
 * orders that change it (ADR 0038). The row holds the version in force; every version is kept in
 * `customer_circuit_version`. At most one change order is pending on a circuit at a time.
 */
@Entity('customer_circuit')
@Index('customer_circuit_customer_idx', ['customerId', 'completedAt'])
@Index('customer_circuit_order_key', ['orderId'], { unique: true })
@Check('customer_circuit_state_chk', `state IN ('inService', 'ceased')`)
export class CustomerCircuitEntity {
  @PrimaryColumn('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** The order that created the circuit (action `add`). */
  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  product!: CircuitProduct;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  @Column('text', { name: 'transit_node', nullable: true })
  transitNode!: string | null;

  /** Each segment's circuit id in the version in force, `role=id`. */
  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  @Column('bigint', { name: 'monthly_charge_fen', transformer: bigintColumn })
  monthlyChargeFen!: bigint;

  /** The one-time charge of the first order. */
  @Column('bigint', { name: 'one_time_charge_fen', transformer: bigintColumn })
  oneTimeChargeFen!: bigint;

  /** Shanghai day the circuit was first completed. */
  @Column('date', { name: 'completion_date' })
  completionDate!: string;

  @Column('timestamptz', { name: 'completed_at' })
  completedAt!: Date;

  /** The version in force: 1 for the first order, raised by each completed change or cease. */
  @Column('integer', { default: 1 })
  version!: number;

  @Column('text', { default: 'inService' })
  state!: CircuitState;

  /** The last day in service of a ceased circuit. */
  @Column('date', { name: 'ceased_on', nullable: true })
  ceasedOn!: string | null;

  /** The change or cease order in flight on this circuit, if any (one at a time). */
  @Column('uuid', { name: 'pending_order_id', nullable: true })
  pendingOrderId!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
