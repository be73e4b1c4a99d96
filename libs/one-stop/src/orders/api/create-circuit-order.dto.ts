import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateIf,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  CIRCUIT_PRODUCTS,
  type CircuitProduct,
  MAX_BANDWIDTH_MBPS,
  MIN_BANDWIDTH_MBPS,
} from '../../domain/circuit-products';
import { CIRCUIT_ACTIONS, type CircuitAction } from '../../domain/circuit-actions';
import { EXTERNAL_ID, IsCalendarDate, IsChargeFen, NODE_CODE, PHONE } from './circuit-order-validators';

/** One end of the circuit: the city node that works it and the site there. */
export class CircuitEndDto {
  @ApiProperty({ example: '440300', description: 'City node (GB/T 2260) where this end is' })
  @IsString()
  @Matches(NODE_CODE, { message: 'nodeCode must be a 6-digit city node code' })
  nodeCode!: string;

  @ApiProperty({ maxLength: 300, example: '深圳市南山区科技园南区1栋' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  siteAddress!: string;

  @ApiProperty({
    maxLength: 100,
    example: '李工',
    description: "Personal data: sent only to this end's city",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  contactName!: string;

  @ApiProperty({ example: '13800138000', description: "Personal data: sent only to this end's city" })
  @IsString()
  @Matches(PHONE, {
    message: 'contactPhone must be a telephone number (digits, spaces, dashes, parentheses, a leading +)',
  })
  contactPhone!: string;
}

export class CreateCircuitOrderDto {
  @ApiPropertyOptional({
    maxLength: 64,
    example: 'CRM-2026-000123',
    description:
      'Your reference for the order (TMF641 externalId), unique per customer: a POST repeated with the same reference and body answers the order already created (200) instead of creating another',
  })
  @IsOptional()
  @IsString()
  @Matches(EXTERNAL_ID, { message: 'externalId must be 1-64 letters, digits, dots, dashes or underscores' })
  externalId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId!: string;

  @ApiPropertyOptional({
    enum: CIRCUIT_ACTIONS,
    default: 'add',
    description:
      'TMF641 action: add a new circuit; modify (bandwidth, or an end moved to another site of its city) or delete (cease) the circuit circuitId',
  })
  @IsOptional()
  @IsIn(CIRCUIT_ACTIONS, { message: `action must be one of ${CIRCUIT_ACTIONS.join(', ')}` })
  action?: CircuitAction;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'For modify and delete: a circuit in service of the customer',
  })
  @ValidateIf((o: CreateCircuitOrderDto) => isChange(o) || o.circuitId !== undefined)
  @IsUUID('all', { message: 'circuitId must be a UUID' })
  circuitId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description:
      "For delete: the circuit's last day in service (still charged), today or later, Asia/Shanghai",
  })
  @ValidateIf((o: CreateCircuitOrderDto) => o.action === 'delete' || o.ceaseDate !== undefined)
  @IsCalendarDate()
  ceaseDate?: string;

  @ApiProperty({ enum: CIRCUIT_PRODUCTS, description: "For add; a change keeps the circuit's product" })
  @ValidateIf(requiredForAdd('product'))
  @IsIn(CIRCUIT_PRODUCTS, { message: `product must be one of ${CIRCUIT_PRODUCTS.join(', ')}` })
  product!: CircuitProduct;

  @ApiProperty({
    minimum: MIN_BANDWIDTH_MBPS,
    maximum: MAX_BANDWIDTH_MBPS,
    example: 100,
    description: 'For add; for modify the new bandwidth, when it changes',
  })
  @ValidateIf(requiredForAdd('bandwidthMbps'))
  @IsInt()
  @Min(MIN_BANDWIDTH_MBPS)
  @Max(MAX_BANDWIDTH_MBPS)
  bandwidthMbps!: number;

  @ApiProperty({
    type: CircuitEndDto,
    description: 'For add; for modify the A-end moved to a new site of its city',
  })
  @ValidateIf(requiredForAdd('aEnd'))
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CircuitEndDto)
  aEnd!: CircuitEndDto;

  @ApiProperty({
    type: CircuitEndDto,
    description: 'For add; for modify the Z-end moved to a new site of its city',
  })
  @ValidateIf(requiredForAdd('zEnd'))
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CircuitEndDto)
  zEnd!: CircuitEndDto;

  @ApiProperty({
    format: 'date',
    example: '2026-09-30',
    description: 'Today or later, Asia/Shanghai; for delete it defaults to the cease date',
  })
  @ValidateIf((o: CreateCircuitOrderDto) => o.action !== 'delete' || o.requestedCompletionDate !== undefined)
  @IsCalendarDate()
  requestedCompletionDate!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'An accepted quote of this customer: its charges apply; product, bandwidth and ends must match it',
  })
  @IsOptional()
  @IsUUID()
  quoteId?: string;

  @ApiPropertyOptional({
    example: '500000',
    description: 'Contracted one-time charge, whole fen as a decimal string (0 … 10^13); without a quote',
  })
  @IsOptional()
  @IsChargeFen(0n)
  oneTimeChargeFen?: string;

  @ApiPropertyOptional({
    example: '1200000',
    description: 'Contracted monthly charge, whole fen as a decimal string (1 … 10^13); without a quote',
  })
  @IsOptional()
  @IsChargeFen(1n)
  monthlyChargeFen?: string;
}

/** A change (modify) or a cease (delete) of a circuit in service, not a new circuit. */
export function isChange(dto: Pick<CreateCircuitOrderDto, 'action'>): boolean {
  return dto.action === 'modify' || dto.action === 'delete';
}

/** A term a new circuit must give; a change may give it to change it (checked when given). */
function requiredForAdd(field: 'product' | 'bandwidthMbps' | 'aEnd' | 'zEnd') {
  return (o: CreateCircuitOrderDto): boolean => !isChange(o) || o[field] !== undefined;
}
