import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintColumn } from '../bigint-column';
import type { CircuitAction } from '../domain/circuit-actions';

/** One version of a customer's circuit: what a completed order (add, modify, delete) made it. */
@Entity('customer_circuit_version')
@Check('customer_circuit_version_action_chk', `action IN ('add', 'modify', 'delete')`)
export class CustomerCircuitVersionEntity {
  @PrimaryColumn('uuid', { name: 'circuit_id' })
  circuitId!: string;

  @PrimaryColumn('integer')
  version!: number;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  action!: CircuitAction;

  @Column('integer', { name: 'bandwidth_mbps' })
  bandwidthMbps!: number;

  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  @Column('bigint', { name: 'monthly_charge_fen', transformer: bigintColumn })
  monthlyChargeFen!: bigint;

  /** The order's one-time charge: installation for `add`, the change charge for `modify`. */
  @Column('bigint', { name: 'one_time_charge_fen', transformer: bigintColumn })
  oneTimeChargeFen!: bigint;

  /** Shanghai day from which the version is in force; for `delete`, the last day in service. */
  @Column('date', { name: 'effective_date' })
  effectiveDate!: string;

  @Column('timestamptz', { name: 'completed_at' })
  completedAt!: Date;
}
