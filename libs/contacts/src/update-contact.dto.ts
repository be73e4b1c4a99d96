import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MOBILE_PATTERN, NO_CONTROL_CHARACTERS, upperCaseIdNumber } from './create-contact.dto';
import { IsResidentIdNumber } from './domain/is-id-number.validator';

const present = (_o: object, v: unknown): boolean => v !== undefined;
const presentAndNotNull = (_o: object, v: unknown): boolean => v !== null && v !== undefined;

/**
 * JSON merge patch (RFC 7396) of a contact: absent members stay, `null` clears `email` or
 * `idNumber` and is refused for the members a contact must have.
 */
export class UpdateContactDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @ValidateIf(present)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ example: '13812341234' })
  @ValidateIf(present)
  @IsString()
  @Matches(MOBILE_PATTERN, { message: 'mobile must be an 11-digit mainland mobile number (1[3-9]xxxxxxxxx)' })
  mobile?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254 })
  @ValidateIf(presentAndNotNull)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ maxLength: 50 })
  @ValidateIf(present)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'role must not contain control characters' })
  role?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Resident ID number (GB 11643)' })
  @ValidateIf(presentAndNotNull)
  @Transform(upperCaseIdNumber)
  @IsResidentIdNumber()
  idNumber?: string | null;

  @ApiPropertyOptional({ description: 'true makes this the primary contact and clears the others' })
  @ValidateIf(present)
  @IsBoolean()
  isPrimary?: boolean;
}
