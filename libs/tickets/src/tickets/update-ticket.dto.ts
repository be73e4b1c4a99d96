import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsInstant } from '@kaf/visits';
import { STAFF_ID } from './create-ticket.dto';
import {
  TICKET_PRIORITIES,
  TICKET_SEVERITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketSeverity,
  type TicketStatus,
} from './ticket-vocabulary';

/**
 * JSON merge patch (RFC 7396) of a ticket. `status` moves the ticket through TMF621's states
 * (with `statusChangeReason`); `null` removes `requestedResolutionDate` and `ownerStaffId` only.
 * The SLA's `expectedResolutionDate` and the stamps (`resolutionDate`, …) are not writable.
 */
export class UpdateTicketDto {
  @ApiPropertyOptional({ enum: TICKET_SEVERITIES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(TICKET_SEVERITIES)
  severity?: TicketSeverity;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiPropertyOptional({ maxLength: 200 })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: "The owner's staff id" })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @Matches(STAFF_ID, { message: 'ownerStaffId must be a staff id' })
  ownerStaffId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsInstant()
  requestedResolutionDate?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Faults: when service came back (not in the future)',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsInstant()
  restoredAt?: string;

  @ApiPropertyOptional({
    enum: TICKET_STATUSES,
    description: 'A move through the states; 409 when not allowed from the current one',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why; required to reopen a resolved ticket' })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  statusChangeReason?: string;
}
