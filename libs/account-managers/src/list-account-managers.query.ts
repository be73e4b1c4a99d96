import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { MANAGER_TITLES, type ManagerTitle } from './domain/manager-chain';

export class ListAccountManagersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: MANAGER_TITLES })
  @IsOptional()
  @IsIn(MANAGER_TITLES)
  title?: ManagerTitle;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  // Query strings arrive as text; anything but true/false is left as is for IsBoolean to refuse.
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Direct reports of this supervisor' })
  @IsOptional()
  @IsUUID('all', { message: 'supervisorId must be a UUID' })
  supervisorId?: string;

  @ApiPropertyOptional({ description: 'Part of the name or staff id (case-insensitive)' })
  @IsOptional()
  @MaxLength(64)
  q?: string;
}
