import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MANAGER_TITLES, type ManagerTitle } from './domain/manager-chain';

const present = (_o: object, v: unknown): boolean => v !== undefined;

/**
 * JSON merge patch (RFC 7396) of an account manager. Absent members stay as they are; `null`
 * clears `supervisorId` (promotion to chief) and is refused for the other members, which cannot be
 * empty.
 */
export class UpdateAccountManagerDto {
  @ApiPropertyOptional({ maxLength: 50 })
  @ValidateIf(present)
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ enum: MANAGER_TITLES })
  @ValidateIf(present)
  @IsIn(MANAGER_TITLES)
  title?: ManagerTitle;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'supervisorId must be an account manager id (UUID)' })
  supervisorId?: string | null;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean()
  active?: boolean;

  /** Declared only to refuse it with a clear message: the HR id never changes. */
  @ValidateIf(present)
  @Equals(undefined, { message: 'staffId is immutable; create a new account manager instead' })
  staffId?: never;
}
