import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { BILLED_PRODUCTS, type BilledProduct } from '../domain/billed-products';
import { ACCOUNT_NUMBER } from '@kaf/billing-accounts';

/** A bare date would silently mean midnight UTC, eight hours off the billing system's day. */
/** Years from 1000 and zone offsets up to ±14:59 (real zones stay within ±14:00; PostgreSQL's timestamptz refuses ±16:00). */
const RFC3339 = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/**
 * One usage event (TMF635 Usage in spirit). Validated one by one by the ingest service, not by
 * the request pipe, so that one bad event does not cost the rest of its batch.
 */
export class UsageEventDto {
  @ApiProperty({ maxLength: 128, description: "The billing system's id of the event" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  eventId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The customer; or name its billingAccount instead' })
  @ValidateIf((e: UsageEventDto) => e.billingAccount === undefined || e.customerId !== undefined)
  @IsUUID(undefined, { message: '$property must be a UUID (or send billingAccount instead)' })
  customerId?: string;

  @ApiPropertyOptional({
    maxLength: 64,
    description:
      "The billing system's account number, instead of customerId; the city finds its holder for the month",
  })
  @ValidateIf((e: UsageEventDto) => e.billingAccount !== undefined || e.customerId === undefined)
  @Matches(ACCOUNT_NUMBER, {
    message: '$property must be 1-64 of letters, digits, . _ and -, starting with a letter or digit',
  })
  billingAccount?: string;

  @ApiProperty({ enum: BILLED_PRODUCTS })
  @IsIn(BILLED_PRODUCTS)
  product!: BilledProduct;

  @ApiProperty({ example: '2026-05', description: 'Billing month (Asia/Shanghai), 2000-01 to next month' })
  @IsString()
  billingMonth!: string;

  @ApiProperty({ format: 'date-time', example: '2026-05-31T23:59:59+08:00' })
  @Matches(RFC3339, { message: '$property must be an RFC 3339 date-time with a zone' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a valid date-time' })
  occurredAt!: string;

  @ApiProperty({ example: '1250000', description: 'Whole fen as a decimal string; negative for credits' })
  @IsString()
  amountFen!: string;

  @ApiPropertyOptional({ example: '1024.5', description: 'Non-negative decimal string' })
  @IsOptional()
  @IsString()
  quantity?: string;

  @ApiPropertyOptional({ maxLength: 16, example: 'GB' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(16)
  unit?: string;

  @ApiPropertyOptional({ maxLength: 128, description: 'eventId of an earlier event this one corrects' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  supersedes?: string;
}
