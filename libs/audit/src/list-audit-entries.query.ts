import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';

export class ListAuditEntriesQuery extends PageQueryDto {
  @ApiPropertyOptional({ example: 'customer' })
  @IsOptional()
  @Matches(/^[a-z][a-z_-]{0,63}$/, { message: 'resourceType must be a lowercase resource name' })
  resourceType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(128)
  resourceId?: string;

  @ApiPropertyOptional({ description: 'Token subject of the actor' })
  @IsOptional()
  @MaxLength(128)
  actor?: string;

  @ApiPropertyOptional({ example: 'customer.update' })
  @IsOptional()
  @Matches(/^[a-z][a-z_.-]{0,63}$/, { message: 'action must look like resource.verb' })
  action?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}
