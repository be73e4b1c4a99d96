import { ApiProperty } from '@nestjs/swagger';
import { CIRCUIT_PRODUCTS } from '../domain/circuit-products';
import type { CircuitTariffEntity } from './circuit-tariff.entity';

/** A product's circuit tariff in force at a node. */
export class CircuitTariffView {
  @ApiProperty({ example: '330100', description: 'Node whose tariff this is' })
  nodeCode!: string;

  @ApiProperty({ enum: CIRCUIT_PRODUCTS })
  product!: string;

  @ApiProperty({ example: '2', description: 'Version of this product’s tariff at the node (from 1)' })
  version!: string;

  @ApiProperty({ example: '500000', description: 'Whole fen as a decimal string' })
  oneTimeFen!: string;

  @ApiProperty({ example: '200000', description: 'Whole fen as a decimal string' })
  monthlyBaseFen!: string;

  @ApiProperty({ example: '3000', description: 'Whole fen per Mbps as a decimal string' })
  monthlyPerMbpsFen!: string;

  @ApiProperty({
    example: '100000',
    description: 'One-time charge of a bandwidth change, whole fen as a decimal string',
  })
  changeOneTimeFen!: string;

  @ApiProperty({ example: 10_000 })
  maxBandwidthMbps!: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export function toCircuitTariffView(nodeCode: string, row: CircuitTariffEntity): CircuitTariffView {
  return {
    nodeCode,
    product: row.product,
    version: row.version.toString(),
    oneTimeFen: row.oneTimeFen.toString(),
    monthlyBaseFen: row.monthlyBaseFen.toString(),
    monthlyPerMbpsFen: row.monthlyPerMbpsFen.toString(),
    changeOneTimeFen: row.changeOneTimeFen.toString(),
    maxBandwidthMbps: row.maxBandwidthMbps,
    updatedAt: row.updatedAt.toISOString(),
  };
}
