import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';

/** RFC 3339 date-time with a real calendar date and an offset within ±14:00. */
const INSTANT =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

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

  @ApiPropertyOptional({
    description: 'Entries at or after this instant (RFC 3339)',
    example: '2026-11-01T00:00:00+08:00',
  })
  @IsOptional()
  @Matches(INSTANT, { message: 'since must be an RFC 3339 date-time, e.g. 2026-11-01T00:00:00+08:00' })
  since?: string;

  @ApiPropertyOptional({ description: 'Entries before this instant (RFC 3339)' })
  @IsOptional()
  @Matches(INSTANT, { message: 'until must be an RFC 3339 date-time, e.g. 2026-11-01T00:00:00+08:00' })
  until?: string;
}
