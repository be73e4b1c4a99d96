import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A completed one-stop circuit registered for inter-region settlement (一站业务结算), one per
 * order. It is settled for every billing month from the month it was completed in.
 */
@Entity('one_stop_circuit')
@Index('one_stop_circuit_first_month_idx', ['firstBillingMonth'])
@Check('one_stop_circuit_charges_chk', 'monthly_charge_fen >= 0 AND one_time_charge_fen >= 0')
export class OneStopCircuitEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
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

  /** `YYYY-MM`: the Shanghai month of completion, the first month settled. */
  @Column('text', { name: 'first_billing_month' })
  firstBillingMonth!: string;

  /** The segments' circuit ids, "role=id" each. */
  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
