import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A segment of a coordinated order, as the home city last reported it. */
export interface CoordinatedSegment {
  segmentId: string;
  role: string;
  nodeCode: string;
  attempt: number;
  state: string;
  reason: string;
  /** ISO instant, or null when the home city sent none. */
  deadline: string | null;
}

/**
 * A circuit order this node coordinates (一站业务协调): the province for an order inside it, the
 * national node for one across provinces. The highest version the home city sent; no personal
 * data (no site addresses or contacts).
 */
@Entity('coordinated_circuit_order')
@Index('coordinated_circuit_order_changed_idx', ['changedAt'])
@Index('coordinated_circuit_order_home_idx', ['homeNode'])
@Index('coordinated_circuit_order_ends_idx', ['aEndNode', 'zEndNode'])
@Index('coordinated_circuit_order_deadline_idx', ['nextOpenDeadline'], {
  where: 'next_open_deadline IS NOT NULL',
})
@Check('coordinated_circuit_order_version_chk', 'version >= 1')
export class CoordinatedCircuitOrderEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  /** Monotonic per order at the home city; only a higher one replaces the row. */
  @Column('bigint')
  version!: string;

  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  /** The enterprise's registered name (business data). */
  @Column('text', { name: 'customer_name' })
  customerName!: string;

  /** TMF641 action of the order: a new circuit, a change in service or a cease. */
  @Column('text', { default: 'add' })
  action!: string;

  /** The circuit the order makes or changes (null from senders before circuits had their own id). */
  @Column('uuid', { name: 'circuit_id', nullable: true })
  circuitId!: string | null;

  @Column('text')
  product!: string;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  @Column('text', { name: 'transit_node', nullable: true })
  transitNode!: string | null;

  /** From the topology, for scoping by province. */
  @Column('text', { name: 'a_end_province' })
  aEndProvince!: string;

  @Column('text', { name: 'z_end_province' })
  zEndProvince!: string;

  /** TMF641 state of the order. */
  @Column('text')
  state!: string;

  @Column('text', { name: 'state_reason', nullable: true })
  stateReason!: string | null;

  @Column('date', { name: 'requested_date', nullable: true })
  requestedDate!: string | null;

  @Column('date', { name: 'expected_completion_date', nullable: true })
  expectedCompletionDate!: string | null;

  /** When the home city took the order. */
  @Column('timestamptz', { name: 'ordered_at', nullable: true })
  orderedAt!: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @Column('bigint', { name: 'monthly_charge_fen' })
  monthlyChargeFen!: string;

  @Column('jsonb')
  segments!: CoordinatedSegment[];

  /**
   * Earliest deadline of a segment still open while the order is not final; null otherwise.
   * Kept with each version so the stuck list is an index range, not a scan of every segment.
   */
  @Column('timestamptz', { name: 'next_open_deadline', nullable: true })
  nextOpenDeadline!: Date | null;

  /** When the change happened at the home city (its clock). */
  @Column('timestamptz', { name: 'changed_at' })
  changedAt!: Date;

  /** When this node stored the version (its clock). */
  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
