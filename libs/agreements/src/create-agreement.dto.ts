import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AGREEMENT_NO, AGREEMENT_NO_MESSAGE, IsCalendarDate, IsMonthlyFen } from './agreement-validators';
import { INITIAL_STATUSES } from './domain/agreement-status';
import { PRODUCT_CODES, type ProductCode, productsOf } from '@kaf/catalogue';

export class CreateAgreementDto {
  @ApiProperty({ example: 'SZ-2026-0001', pattern: AGREEMENT_NO.source, description: 'Unique in the city' })
  @IsString()
  @Matches(AGREEMENT_NO, { message: AGREEMENT_NO_MESSAGE })
  agreementNo!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  customerId!: string;

  @ApiProperty({ maxLength: 200, example: '深圳总部 SD-WAN 与专线服务协议' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: PRODUCT_CODES, isArray: true, example: productsOf('internet') })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(PRODUCT_CODES.length)
  @ArrayUnique()
  @IsIn(PRODUCT_CODES, {
    each: true,
    message: `each of products must be one of ${PRODUCT_CODES.join(', ')}`,
  })
  products!: ProductCode[];

  @ApiProperty({ format: 'date', example: '2026-01-01' })
  @IsCalendarDate()
  startDate!: string;

  @ApiProperty({ format: 'date', example: '2028-12-31', description: 'Last day in force; after startDate' })
  @IsCalendarDate()
  endDate!: string;

  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string, 1 … 10^13' })
  @IsMonthlyFen()
  monthlyValueFen!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the customer's account manager" })
  @IsOptional()
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({ enum: INITIAL_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(INITIAL_STATUSES)
  status?: (typeof INITIAL_STATUSES)[number];

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 365,
    description: 'Days before the end date to remind the manager; defaults to the node setting',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  reminderDays?: number;
}
