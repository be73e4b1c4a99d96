import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { AGREEMENT_NO, AGREEMENT_NO_MESSAGE, IsCalendarDate, IsMonthlyFen } from './agreement-validators';
import { AGREEMENT_STATUSES, type AgreementStatus } from './domain/agreement-status';
import { PRODUCT_CODES, type ProductCode } from '@kaf/catalogue';

const present = (_: object, value: unknown): boolean => value !== undefined;

/**
 * JSON merge patch (RFC 7396) of an agreement. Every field is required on the record, so an
 * explicit `null` (remove) is refused with the field named.
 */
export class UpdateAgreementDto {
  @ApiPropertyOptional({ pattern: AGREEMENT_NO.source })
  @ValidateIf(present)
  @IsString()
  @Matches(AGREEMENT_NO, { message: AGREEMENT_NO_MESSAGE })
  agreementNo?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf(present)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: PRODUCT_CODES, isArray: true })
  @ValidateIf(present)
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(PRODUCT_CODES.length)
  @ArrayUnique()
  @IsIn(PRODUCT_CODES, {
    each: true,
    message: `each of products must be one of ${PRODUCT_CODES.join(', ')}`,
  })
  products?: ProductCode[];

  @ApiPropertyOptional({ format: 'date' })
  @ValidateIf(present)
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Changing it reschedules the renewal reminder' })
  @ValidateIf(present)
  @IsCalendarDate()
  endDate?: string;

  @ApiPropertyOptional({ example: '1250000' })
  @ValidateIf(present)
  @IsMonthlyFen()
  monthlyValueFen?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf(present)
  @IsUUID()
  managerId?: string;

  @ApiPropertyOptional({
    enum: AGREEMENT_STATUSES,
    description: 'draft → active | terminated; active → terminated | expired',
  })
  @ValidateIf(present)
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'Changing it reschedules the reminder' })
  @ValidateIf(present)
  @IsInt()
  @Min(1)
  @Max(365)
  reminderDays?: number;
}
