import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  CIRCUIT_PRODUCTS,
  type CircuitProduct,
  MAX_BANDWIDTH_MBPS,
  MIN_BANDWIDTH_MBPS,
} from '../domain/circuit-products';
import { QUOTE_ACTIONS, type QuoteAction } from '../domain/quote-states';

const CITY_CODE = /^\d{4}00$/;
/** A new circuit names its product and ends; a bandwidth change takes them from the circuit. */
const isAdd = (dto: RequestCircuitQuoteDto) => dto.action === undefined || dto.action === 'add';

/**
 * POST /api/v1/circuit-quotes: what the customer would order, priced by every segment node:
 * a new circuit (`add`), or a new bandwidth for a circuit in service (`modify`).
 */
export class RequestCircuitQuoteDto {
  @ApiProperty({ format: 'uuid', description: 'A customer of this city within the caller’s reach' })
  @IsUUID()
  customerId!: string;

  @ApiPropertyOptional({
    enum: QUOTE_ACTIONS,
    default: 'add',
    description: 'add: a new circuit; modify: a bandwidth change of the circuit `circuitId`',
  })
  @IsOptional()
  @IsIn(QUOTE_ACTIONS, { message: `$property must be one of ${QUOTE_ACTIONS.join(', ')}` })
  action?: QuoteAction;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'modify only (and required there): a circuit in service of the customer',
  })
  // Checked whenever given, so a malformed one is named as such (on an add it is refused anyway).
  @ValidateIf((dto: RequestCircuitQuoteDto) => !isAdd(dto) || dto.circuitId !== undefined)
  @IsUUID('all', { message: '$property must be the UUID of a circuit in service' })
  circuitId?: string;

  @ApiPropertyOptional({
    enum: CIRCUIT_PRODUCTS,
    example: 'mpls_vpn',
    description: 'add only (required there)',
  })
  @ValidateIf(isAdd)
  @IsIn(CIRCUIT_PRODUCTS, { message: `$property must be one of ${CIRCUIT_PRODUCTS.join(', ')}` })
  product?: CircuitProduct;

  @ApiProperty({
    minimum: MIN_BANDWIDTH_MBPS,
    maximum: MAX_BANDWIDTH_MBPS,
    example: 100,
    description: 'The circuit’s bandwidth; for modify, the new one',
  })
  @IsInt({ message: '$property must be a whole number of Mbps' })
  @Min(MIN_BANDWIDTH_MBPS)
  @Max(MAX_BANDWIDTH_MBPS)
  bandwidthMbps!: number;

  @ApiPropertyOptional({
    example: '440300',
    description: 'add only (required there): city node of the A-end site',
  })
  @ValidateIf(isAdd)
  @IsString()
  @Matches(CITY_CODE, { message: '$property must be the 6-digit code of a city node' })
  aEndNodeCode?: string;

  @ApiPropertyOptional({
    example: '330100',
    description: 'add only (required there): city node of the Z-end site',
  })
  @ValidateIf(isAdd)
  @IsString()
  @Matches(CITY_CODE, { message: '$property must be the 6-digit code of a city node' })
  zEndNodeCode?: string;
}
