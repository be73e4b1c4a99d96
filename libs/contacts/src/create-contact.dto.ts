import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsResidentIdNumber } from './domain/is-id-number.validator';

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;
const MOBILE_MESSAGE = 'mobile must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)';

/** A trailing lower-case x is the same check character as X. */
export const upperCaseIdNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;

const presentAndNotNull = (_o: object, v: unknown): boolean => v !== null && v !== undefined;

export class CreateContactDto {
  @ApiProperty({ example: '李娜', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ example: '13812341234' })
  @IsString({ message: MOBILE_MESSAGE })
  @Matches(MOBILE_PATTERN, { message: MOBILE_MESSAGE })
  mobile!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254, example: 'li.na@example.com' })
  @ValidateIf(presentAndNotNull)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiProperty({ example: '信息部经理', maxLength: 50, description: 'Job title at the customer' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'role must not contain control characters' })
  role!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '44030519850615123X',
    description: 'Resident ID number (GB 11643); always returned masked',
  })
  @ValidateIf(presentAndNotNull)
  @Transform(upperCaseIdNumber)
  @IsResidentIdNumber()
  idNumber?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Making a contact primary clears the others' })
  @IsOptional()
  @IsBoolean()
  isPrimary?: boolean;
}
