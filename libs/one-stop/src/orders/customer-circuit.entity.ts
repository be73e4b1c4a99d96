import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintColumn } from './column-transformers';

/** A circuit in service for a customer of this city: recorded once, when its order completes. */
@Entity('customer_circuit')
@Index('customer_circuit_customer_idx', ['customerId', 'completedAt'])
export class CustomerCircuitEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

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

  @Column('text', { name: 'transit_node', nullable: true })
  transitNode!: string | null;

  /** Each segment's circuit id, `role=id`. */
  @Column('text', { name: 'circuit_ids', array: true })
  circuitIds!: string[];

  @Column('bigint', { name: 'monthly_charge_fen', transformer: bigintColumn })
  monthlyChargeFen!: bigint;

  @Column('bigint', { name: 'one_time_charge_fen', transformer: bigintColumn })
  oneTimeChargeFen!: bigint;

  @Column('date', { name: 'completion_date' })
  completionDate!: string;

  @Column('timestamptz', { name: 'completed_at' })
  completedAt!: Date;
}
