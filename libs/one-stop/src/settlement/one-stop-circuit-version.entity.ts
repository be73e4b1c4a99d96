import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One version of a settled circuit as its home city sent it (`CircuitCompleted`): the first order,
 * a change in service or the cease. Kept once per (circuit, version): a redelivery changes nothing.
 */
@Entity('one_stop_circuit_version')
@Index('one_stop_circuit_version_received_idx', ['receivedAt'])
@Check('one_stop_circuit_version_action_chk', `action IN ('add', 'modify', 'delete')`)
@Check('one_stop_circuit_version_version_chk', 'version >= 1')
@Check('one_stop_circuit_version_charges_chk', 'monthly_charge_fen >= 0 AND one_time_charge_fen >= 0')
export class OneStopCircuitVersionEntity {
  @PrimaryColumn('uuid', { name: 'circuit_id' })
  circuitId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  action!: string;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'a_end_node' })
  aEndNode!: string;

  @Column('text', { name: 'z_end_node' })
  zEndNode!: string;

  @Column('bigint', { name: 'monthly_charge_fen' })
  monthlyChargeFen!: string;

  /** For a change: the charge for the change. */
  @Column('bigint', { name: 'one_time_charge_fen' })
  oneTimeChargeFen!: string;

  /** In force from this day (Asia/Shanghai); for `delete` the last day in service. */
  @Column('date', { name: 'effective_date' })
  effectiveDate!: string;

  @Column('timestamptz', { name: 'completed_at' })
  completedAt!: Date;

  /** The segments' circuit ids, "role=id" each. */
  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  /** Taken after the settlement lock, so a run of a month knows which versions it has seen. */
  @Column('timestamptz', { name: 'received_at', default: () => 'clock_timestamp()' })
  receivedAt!: Date;
}
