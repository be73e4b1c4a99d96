import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import {
  CIRCUIT_PRODUCTS,
  type CircuitProduct,
  MAX_BANDWIDTH_MBPS,
  MIN_BANDWIDTH_MBPS,
} from '../domain/circuit-products';

const CITY_CODE = /^\d{4}00$/;

/** POST /api/v1/circuit-quotes: what the customer would order, priced by every segment node. */
export class RequestCircuitQuoteDto {
  @ApiProperty({ format: 'uuid', description: 'A customer of this city within the caller’s reach' })
  @IsUUID()
  customerId!: string;

  @ApiProperty({ enum: CIRCUIT_PRODUCTS, example: 'mpls_vpn' })
  @IsIn(CIRCUIT_PRODUCTS, { message: `$property must be one of ${CIRCUIT_PRODUCTS.join(', ')}` })
  product!: CircuitProduct;

  @ApiProperty({ minimum: MIN_BANDWIDTH_MBPS, maximum: MAX_BANDWIDTH_MBPS, example: 100 })
  @IsInt({ message: '$property must be a whole number of Mbps' })
  @Min(MIN_BANDWIDTH_MBPS)
  @Max(MAX_BANDWIDTH_MBPS)
  bandwidthMbps!: number;

  @ApiProperty({ example: '440300', description: 'City node of the A-end site' })
  @IsString()
  @Matches(CITY_CODE, { message: '$property must be the 6-digit code of a city node' })
  aEndNodeCode!: string;

  @ApiProperty({ example: '330100', description: 'City node of the Z-end site' })
  @IsString()
  @Matches(CITY_CODE, { message: '$property must be the 6-digit code of a city node' })
  zEndNodeCode!: string;
}
