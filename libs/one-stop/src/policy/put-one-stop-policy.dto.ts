import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CIRCUIT_PRODUCTS, type CircuitProduct } from '../domain/circuit-products';
import {
  MAX_QUOTE_REPLY_SECONDS,
  MAX_SLA_SECONDS,
  MIN_QUOTE_REPLY_SECONDS,
  MIN_SLA_SECONDS,
  WHOLE_SHARE_BP,
} from './one-stop-policy.rules';

const PROVINCE_CODE = /^\d{2}0000$/;
const PRODUCT_MESSAGE = `$property must be one of ${CIRCUIT_PRODUCTS.join(', ')}`;

export class SegmentSlaDto {
  @ApiProperty({ enum: CIRCUIT_PRODUCTS })
  @IsIn(CIRCUIT_PRODUCTS, { message: PRODUCT_MESSAGE })
  product!: CircuitProduct;

  @ApiProperty({ minimum: MIN_SLA_SECONDS, maximum: MAX_SLA_SECONDS, example: 864_000 })
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(MIN_SLA_SECONDS)
  @Max(MAX_SLA_SECONDS)
  endSegmentSeconds!: number;

  @ApiProperty({ minimum: MIN_SLA_SECONDS, maximum: MAX_SLA_SECONDS, example: 604_800 })
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(MIN_SLA_SECONDS)
  @Max(MAX_SLA_SECONDS)
  transitSegmentSeconds!: number;
}

export class SettlementOverrideDto {
  @ApiPropertyOptional({ enum: CIRCUIT_PRODUCTS, description: 'Absent: circuits of any product' })
  @IsOptional()
  @IsIn(CIRCUIT_PRODUCTS, { message: PRODUCT_MESSAGE })
  product?: CircuitProduct;

  @ApiPropertyOptional({ example: '440000', description: 'Province of the A-end city; absent: any' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: '$property must be the 6-digit code of a province' })
  aEndProvince?: string;

  @ApiPropertyOptional({ example: '330000', description: 'Province of the Z-end city; absent: any' })
  @IsOptional()
  @IsString()
  @Matches(PROVINCE_CODE, { message: '$property must be the 6-digit code of a province' })
  zEndProvince?: string;

  @ApiProperty({ minimum: 0, maximum: WHOLE_SHARE_BP, example: 4500 })
  @IsInt({ message: '$property must be whole basis points' })
  @Min(0)
  @Max(WHOLE_SHARE_BP)
  aEndBp!: number;

  @ApiProperty({ minimum: 0, maximum: WHOLE_SHARE_BP, example: 4500 })
  @IsInt({ message: '$property must be whole basis points' })
  @Min(0)
  @Max(WHOLE_SHARE_BP)
  zEndBp!: number;

  @ApiProperty({ minimum: 0, maximum: WHOLE_SHARE_BP, example: 1000 })
  @IsInt({ message: '$property must be whole basis points' })
  @Min(0)
  @Max(WHOLE_SHARE_BP)
  transitBp!: number;
}

/** PUT /api/v1/one-stop-policy: the whole policy, replacing the one in force. */
export class PutOneStopPolicyDto {
  @ApiProperty({
    type: [SegmentSlaDto],
    description: 'The SLA of every circuit product, each exactly once',
  })
  @IsArray()
  @ArrayMaxSize(CIRCUIT_PRODUCTS.length)
  @ValidateNested({ each: true })
  @Type(() => SegmentSlaDto)
  slas!: SegmentSlaDto[];

  @ApiProperty({
    minimum: 0,
    maximum: WHOLE_SHARE_BP,
    example: 1000,
    description:
      'Basis points of the monthly charge for the transit carrier when a circuit has a transit segment; the rest is split equally between the A-end and Z-end provinces',
  })
  @IsInt({ message: '$property must be whole basis points' })
  @Min(0)
  @Max(WHOLE_SHARE_BP)
  transitShareBp!: number;

  @ApiPropertyOptional({
    type: [SettlementOverrideDto],
    description: 'Splits replacing the default for matching circuits; shares sum to 10,000. Absent: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => SettlementOverrideDto)
  overrides?: SettlementOverrideDto[];

  @ApiPropertyOptional({
    minimum: MIN_QUOTE_REPLY_SECONDS,
    maximum: MAX_QUOTE_REPLY_SECONDS,
    example: 3600,
    description:
      'Seconds within which every segment node must answer a circuit quote; a quote still unanswered then is infeasible. Absent: the national node’s configured default (3600)',
  })
  @IsOptional()
  @IsInt({ message: '$property must be a whole number of seconds' })
  @Min(MIN_QUOTE_REPLY_SECONDS)
  @Max(MAX_QUOTE_REPLY_SECONDS)
  quoteReplySeconds?: number;
}
