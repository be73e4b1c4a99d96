import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A one-stop circuit registered for inter-region settlement (一站业务结算), keyed by its own id:
 * the summary of its latest version (`one_stop_circuit_version` holds them all) and its cease
 * date. It is settled by days from its first version's effective date to its cease date (ADR 0039).
 */
@Entity('one_stop_circuit')
@Index('one_stop_circuit_first_month_idx', ['firstBillingMonth'])
@Check('one_stop_circuit_charges_chk', 'monthly_charge_fen >= 0 AND one_time_charge_fen >= 0')
export class OneStopCircuitEntity {
  @PrimaryColumn('uuid', { name: 'circuit_id' })
  circuitId!: string;

  /** The highest version received. */
  @Column('integer')
  version!: number;

  /** The order of the latest version. */
  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text', { name: 'home_node' })
  homeNode!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  product!: string;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  /** From the topology: the province carrying the transit inside a province, `CN` across provinces. */
  @Column('text', { name: 'transit_node', nullable: true })
  transitNode!: string | null;

  @Column('text', { name: 'a_end_province' })
  aEndProvince!: string;

  @Column('text', { name: 'z_end_province' })
  zEndProvince!: string;

  @Column('bigint', { name: 'monthly_charge_fen' })
  monthlyChargeFen!: string;

  @Column('bigint', { name: 'one_time_charge_fen' })
  oneTimeChargeFen!: string;

  @Column('timestamptz', { name: 'completed_at' })
  completedAt!: Date;

  /** `YYYY-MM`: the month of the earliest effective date received, the first month settled. */
  @Column('text', { name: 'first_billing_month' })
  firstBillingMonth!: string;

  /** The last day in service (Asia/Shanghai), once a cease arrived; settled up to it, included. */
  @Column('date', { name: 'ceased_on', nullable: true })
  ceasedOn!: string | null;

  /** The segments' circuit ids, "role=id" each. */
  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;

  /** When the latest version or the cease arrived. */
  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
