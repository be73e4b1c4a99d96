import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '@kaf/platform';
import { STAFF_ID } from './create-ticket.dto';
import {
  TICKET_SEVERITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketSeverity,
  type TicketStatus,
  type TicketType,
} from './ticket-vocabulary';

export class ListTicketsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TICKET_TYPES })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  ticketType?: TicketType;

  @ApiPropertyOptional({ enum: TICKET_SEVERITIES })
  @IsOptional()
  @IsIn(TICKET_SEVERITIES)
  severity?: TicketSeverity;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ description: "The owner's staff id" })
  @IsOptional()
  @IsString()
  @Matches(STAFF_ID, { message: 'owner must be a staff id' })
  owner?: string;

  @ApiPropertyOptional({
    description: 'Comma-separated fields to return (id always)',
    example: 'name,status',
  })
  @IsOptional()
  @IsString()
  fields?: string;
}
