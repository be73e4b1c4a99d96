import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerCircuitEntity } from '../customer-circuit.entity';

/** A circuit in service for the customer, from a completed order. */
export class CustomerCircuitView {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
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
}

export function toCustomerCircuitView(row: CustomerCircuitEntity): CustomerCircuitView {
  return {
    orderId: row.orderId,
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
  };
}
