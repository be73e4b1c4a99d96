import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIRCUIT_ACTIONS, CIRCUIT_STATES } from '../domain/circuit-actions';
import type { CustomerCircuitVersionEntity } from './customer-circuit-version.entity';
import type { CustomerCircuitEntity } from './customer-circuit.entity';

/** One version of a circuit: what an order made it, from when. */
export class CustomerCircuitVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ enum: CIRCUIT_ACTIONS }) action!: string;
  @ApiProperty() bandwidthMbps!: number;
  @ApiProperty({ type: [String] }) circuitIds!: string[];
  @ApiProperty({ example: '1200000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ description: 'Installation (add) or change charge (modify), whole fen' })
  oneTimeChargeFen!: string;
  @ApiProperty({
    format: 'date',
    description: 'In force from this day; for a cease, the last day in service',
  })
  effectiveDate!: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
}

/** A circuit of the customer with its identity, the version in force and its state. */
export class CustomerCircuitView {
  @ApiProperty({ format: 'uuid' }) circuitId!: string;
  @ApiProperty({ format: 'uuid', description: 'The order that created the circuit' }) orderId!: string;
  @ApiProperty({ enum: CIRCUIT_STATES }) state!: string;
  @ApiProperty() version!: number;
  @ApiProperty() product!: string;
  @ApiProperty() bandwidthMbps!: number;
  @ApiProperty({ example: '440300' }) aEndNode!: string;
  @ApiProperty({ example: '330100' }) zEndNode!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) transitNode!: string | null;
  @ApiProperty({ type: [String], example: ['a_end=SZ-ETH-0001', 'z_end=HZ-ETH-0042', 'transit=CN-OTN-7'] })
  circuitIds!: string[];
  @ApiProperty({ example: '1200000', description: 'Whole fen as a decimal string' })
  monthlyChargeFen!: string;
  @ApiProperty({ example: '500000', description: 'Whole fen as a decimal string' }) oneTimeChargeFen!: string;
  @ApiProperty({ format: 'date' }) completionDate!: string;
  @ApiProperty({ format: 'date-time' }) completedAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Last day in service' })
  ceasedOn!: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Change or cease order in flight',
  })
  pendingOrderId!: string | null;
  @ApiPropertyOptional({
    type: [CustomerCircuitVersionView],
    description: 'Oldest first; on a single circuit only',
  })
  versions?: CustomerCircuitVersionView[];
}

export function toCustomerCircuitView(
  row: CustomerCircuitEntity,
  versions?: readonly CustomerCircuitVersionEntity[],
): CustomerCircuitView {
  return {
    circuitId: row.circuitId,
    orderId: row.orderId,
    state: row.state,
    version: row.version,
    product: row.product,
    bandwidthMbps: row.bandwidthMbps,
    aEndNode: row.aEndNode,
    zEndNode: row.zEndNode,
    transitNode: row.transitNode,
    circuitIds: row.circuitIds,
    monthlyChargeFen: row.monthlyChargeFen.toString(),
    oneTimeChargeFen: row.oneTimeChargeFen.toString(),
    completionDate: row.completionDate,
    completedAt: row.completedAt.toISOString(),
    ceasedOn: row.ceasedOn,
    pendingOrderId: row.pendingOrderId,
    ...(versions ? { versions: versions.map(toVersionView) } : {}),
  };
}

function toVersionView(v: CustomerCircuitVersionEntity): CustomerCircuitVersionView {
  return {
    version: v.version,
    orderId: v.orderId,
    action: v.action,
    bandwidthMbps: v.bandwidthMbps,
    circuitIds: v.circuitIds,
    monthlyChargeFen: v.monthlyChargeFen.toString(),
    oneTimeChargeFen: v.oneTimeChargeFen.toString(),
    effectiveDate: v.effectiveDate,
    completedAt: v.completedAt.toISOString(),
  };
}
