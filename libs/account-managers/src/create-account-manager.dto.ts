import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { MANAGER_TITLES, type ManagerTitle } from './domain/manager-chain';

export const STAFF_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

export class CreateAccountManagerDto {
  @ApiProperty({ example: 'E440300001', description: 'HR staff id; the subject of this person’s token' })
  @IsString()
  @Matches(STAFF_ID_PATTERN, { message: 'staffId must be 1-64 letters, digits, dots, dashes or underscores' })
  staffId!: string;

  @ApiProperty({ example: '张伟', maxLength: 50 })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @Matches(/^[^\p{Cc}]*$/u, { message: 'name must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: MANAGER_TITLES })
  @IsIn(MANAGER_TITLES)
  title!: ManagerTitle;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Required unless the title is chief: an active supervisor (or chief) of this city',
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'supervisorId must be an account manager id (UUID)' })
  supervisorId?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
