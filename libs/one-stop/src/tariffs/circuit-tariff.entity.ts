import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { CircuitProduct } from '../domain/circuit-products';
import { bigintColumn } from '../bigint-column';

/**
 * Every node that can carry a segment: every version of its circuit tariff per product. The
 * highest version of a product is in force; older rows are its history (quotes name the version
 * their charges came from).
 */
@Entity('circuit_tariff')
@Check(
  'circuit_tariff_fen_chk',
  `one_time_fen >= 0 AND monthly_base_fen >= 0 AND monthly_per_mbps_fen >= 0 AND change_one_time_fen >= 0`,
)
@Check('circuit_tariff_bandwidth_chk', `max_bandwidth_mbps BETWEEN 1 AND 100000`)
@Check('circuit_tariff_version_chk', `version >= 1`)
export class CircuitTariffEntity {
  @PrimaryColumn('text')
  product!: CircuitProduct;

  @PrimaryColumn('bigint', { transformer: bigintColumn })
  version!: bigint;

  @Column('bigint', { name: 'one_time_fen', transformer: bigintColumn })
  oneTimeFen!: bigint;

  @Column('bigint', { name: 'monthly_base_fen', transformer: bigintColumn })
  monthlyBaseFen!: bigint;

  @Column('bigint', { name: 'monthly_per_mbps_fen', transformer: bigintColumn })
  monthlyPerMbpsFen!: bigint;

  /** One-time charge of a bandwidth change of a circuit in service (a modify quote's one-time charge). */
  @Column('bigint', { name: 'change_one_time_fen', default: 0, transformer: bigintColumn })
  changeOneTimeFen!: bigint;

  @Column('integer', { name: 'max_bandwidth_mbps' })
  maxBandwidthMbps!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** Subject of the principal who set this version. */
  @Column('text', { name: 'updated_by' })
  updatedBy!: string;
}
