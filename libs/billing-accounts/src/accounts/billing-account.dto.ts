import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  Validate,
} from 'class-validator';
import { BILLING_MONTH_PATTERN, isCalendarDate } from '@kaf/platform';

/** A billing system's account number: letters, digits, `.`, `_` and `-`, at most 64. */
export const ACCOUNT_NUMBER = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;
const ACCOUNT_NUMBER_MESSAGE = (field: string) =>
  `${field} must be 1-64 of letters, digits, . _ and -, starting with a letter or digit`;
/** The billing system's name, as its token's subject and the CloudEvents `source` carry it. */
export const SOURCE = /^[^\s\p{Cc}][^\p{Cc}]{0,255}$/u;

@ValidatorConstraint({ name: 'isCalendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isCalendarDate(value);
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'value'} must be a date (YYYY-MM-DD)`;
  }
}

const present = (_o: object, v: unknown): boolean => v !== undefined;
const presentAndNotNull = (_o: object, v: unknown): boolean => v !== null && v !== undefined;

export class CreateBillingAccountDto {
  @ApiProperty({ example: 'boss-billing', description: 'The billing system (its token subject)' })
  @IsString()
  @Matches(SOURCE, { message: 'source must be 1-256 characters, not starting with a space' })
  source!: string;

  @ApiProperty({ example: '4403-0000123', maxLength: 64 })
  @IsString({ message: ACCOUNT_NUMBER_MESSAGE('accountNumber') })
  @Matches(ACCOUNT_NUMBER, { message: ACCOUNT_NUMBER_MESSAGE('accountNumber') })
  accountNumber!: string;

  @ApiProperty({ example: '2026-01-15' })
  @Validate(CalendarDate)
  openedOn!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-31' })
  @ValidateIf(presentAndNotNull)
  @Validate(CalendarDate)
  closedOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '统付: the paying group account (same source)',
  })
  @ValidateIf(presentAndNotNull)
  @IsString({ message: ACCOUNT_NUMBER_MESSAGE('paidByAccount') })
  @Matches(ACCOUNT_NUMBER, { message: ACCOUNT_NUMBER_MESSAGE('paidByAccount') })
  paidByAccount?: string | null;
}

/** Merge patch: absent members stay, `closedOn: null` reopens, `paidByAccount: null` clears. */
export class UpdateBillingAccountDto {
  @ApiPropertyOptional({ example: '2026-01-15' })
  @ValidateIf(present)
  @Validate(CalendarDate)
  openedOn?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A day closes the account; null reopens it',
  })
  @ValidateIf(presentAndNotNull)
  @Validate(CalendarDate)
  closedOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @ValidateIf(presentAndNotNull)
  @IsString({ message: ACCOUNT_NUMBER_MESSAGE('paidByAccount') })
  @Matches(ACCOUNT_NUMBER, { message: ACCOUNT_NUMBER_MESSAGE('paidByAccount') })
  paidByAccount?: string | null;
}

/** Moves the account to another customer of this city from a billing month on. */
export class TransferBillingAccountDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'toCustomerId must be a UUID',
  })
  toCustomerId!: string;

  @ApiProperty({ example: '2026-07', description: 'The first billing month of the new holder' })
  @IsString({ message: 'fromMonth must be a billing month (YYYY-MM)' })
  @MinLength(7)
  @MaxLength(7)
  @Matches(BILLING_MONTH_PATTERN, { message: 'fromMonth must be a billing month (YYYY-MM)' })
  fromMonth!: string;
}
