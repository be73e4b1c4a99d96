import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsInstant } from '@kaf/visits';
import {
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_SEVERITIES,
  TICKET_TYPES,
  type TicketChannel,
  type TicketPriority,
  type TicketSeverity,
  type TicketType,
} from './ticket-vocabulary';

/** A staff id: letters, digits, dot, dash, underscore. */
export const STAFF_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** A phone a reporter can be called back on: digits, optionally a leading + and dashes. */
export const REPORTER_PHONE = /^\+?[0-9][0-9-]{5,30}$/;

/**
 * A new trouble ticket (TMF621 `TroubleTicket_FVO`, flattened): the related entities and the
 * reporter are named by id; the reporter is a contact of the customer or a name and phone.
 */
export class CreateTicketDto {
  @ApiProperty({ enum: TICKET_TYPES })
  @IsIn(TICKET_TYPES)
  ticketType!: TicketType;

  @ApiProperty({ enum: TICKET_SEVERITIES })
  @IsIn(TICKET_SEVERITIES)
  severity!: TicketSeverity;

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, default: 'medium' })
  @IsOptional()
  @IsIn(TICKET_PRIORITIES)
  priority?: TicketPriority;

  @ApiProperty({ maxLength: 200, example: '深圳—杭州专线中断' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  description!: string;

  @ApiProperty({ enum: TICKET_CHANNELS })
  @IsIn(TICKET_CHANNELS)
  channel!: TicketChannel;

  @ApiProperty({ format: 'uuid', description: 'relatedEntity role customer' })
  @IsUUID()
  customerId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "relatedEntity role circuit: one of the customer's circuits, in service",
  })
  @IsOptional()
  @IsUUID()
  circuitId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "relatedEntity role agreement: one of the customer's service agreements",
  })
  @IsOptional()
  @IsUUID()
  agreementId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "The reporter, one of the customer's contacts (else reporterName and reporterPhone)",
  })
  @IsOptional()
  @IsUUID()
  reporterContactId?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reporterName?: string;

  @ApiPropertyOptional({ maxLength: 32, example: '13800138000' })
  @IsOptional()
  @IsString()
  @Matches(REPORTER_PHONE, {
    message: 'reporterPhone must be a phone number (digits, optionally + and dashes)',
  })
  reporterPhone?: string;

  @ApiPropertyOptional({ description: "The owner's staff id; defaults to the customer's account manager" })
  @IsOptional()
  @IsString()
  @Matches(STAFF_ID, { message: 'ownerStaffId must be a staff id' })
  ownerStaffId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Not in the past' })
  @IsOptional()
  @IsInstant()
  requestedResolutionDate?: string;

  @ApiPropertyOptional({ maxLength: 100, description: "The reporting system's id: one ticket per id" })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalIdentifier?: string;
}
